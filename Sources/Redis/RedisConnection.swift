import CHiredis
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking connection to a Redis server, over hiredis.
///
/// Commands are binary safe: they are built with `redisAppendCommandArgv` from ``RedisArgument``s.
/// Every call blocks the calling thread until Redis answers or the command timeout passes; from
/// async code, call it off the cooperative thread pool when latency matters.
///
/// After a connection error (``RedisError/Kind/connectionLost``, ``RedisError/Kind/timeout``,
/// ``RedisError/Kind/protocol``) the error is thrown and the connection is marked broken; the next
/// command first reconnects (`redisReconnect`, then `AUTH` again) and throws a
/// ``RedisError/Kind/connect`` error if the server is still not there.
///
/// It can be shared between tasks and threads: the `redisContext*` is only touched inside a `Mutex`,
/// which serializes commands, so the type is `Sendable` without `@unchecked`.
public final class RedisConnection: Sendable {
    /// The server's host, e.g. `127.0.0.1`.
    public let host: String
    /// The server's TCP port.
    public let port: Int

    private let context: Mutex<HiredisContext>

    /// Connects to Redis with `redisConnectWithTimeout`, sets the command timeout with
    /// `redisSetTimeout` and sends `AUTH` if a password is given.
    ///
    /// Ignores SIGPIPE for the whole process (hiredis writes with `write`, and a write to a closed
    /// socket would otherwise kill the harness); the write then fails with `EPIPE` and is reported.
    ///
    /// - Parameters:
    ///   - host: the server's address; defaults to `127.0.0.1`.
    ///   - port: the server's TCP port; defaults to 6379.
    ///   - connectTimeout: the limit for connecting; defaults to 2 seconds.
    ///   - commandTimeout: the limit for each socket read or write; defaults to 5 seconds.
    ///   - password: sent with `AUTH` after every connect; defaults to none.
    /// - Throws: ``RedisError`` of kind `.connect`, or `.auth` if the password is rejected.
    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration = .seconds(5),
        password: String? = nil
    ) throws(RedisError) {
        Self.ignoreBrokenPipe
        self.host = host
        self.port = port
        let context = try HiredisContext(
            host: host,
            port: port,
            connectTimeout: connectTimeout,
            commandTimeout: commandTimeout,
            password: password
        )
        self.context = Mutex(context)
    }

    deinit {
        context.withLock { redisFree($0.pointer) }
    }

    /// Whether the last command failed with a connection error, so the next one reconnects first.
    public var isBroken: Bool {
        context.withLock { $0.isBroken }
    }

    /// Sends one command and returns its reply.
    ///
    /// - Parameter arguments: the command name and its arguments, e.g. `["HSET", key, field, value]`;
    ///   must not be empty.
    /// - Throws: ``RedisError``; an error reply from the server is thrown as kind `.server` (or `.auth`
    ///   for `NOAUTH`), connection problems as described on ``RedisConnection``.
    public func send(_ arguments: [RedisArgument]) throws(RedisError) -> RedisReply {
        try context.withLock { (context) throws(RedisError) -> RedisReply in
            try context.send(arguments)
        }
    }

    /// Sends many commands in one write and returns their replies in order (pipelining).
    ///
    /// All commands are appended to hiredis's output buffer (`redisAppendCommandArgv`), then one reply
    /// per command is read (`redisGetReply`). An error reply from the server does not throw: it is
    /// returned as ``RedisReply/error(_:)`` at its command's position, so callers see which one failed.
    ///
    /// - Parameter commands: the commands, each non-empty.
    /// - Throws: ``RedisError`` for connection problems only.
    public func pipeline(_ commands: [[RedisArgument]]) throws(RedisError) -> [RedisReply] {
        try context.withLock { (context) throws(RedisError) -> [RedisReply] in
            try context.pipeline(commands)
        }
    }

    /// Drops the current connection and connects again (`redisReconnect`, then the command timeout
    /// and `AUTH` as on first connect).
    ///
    /// - Throws: ``RedisError`` of kind `.connect`, or `.auth`; the connection then stays broken.
    public func reconnect() throws(RedisError) {
        try context.withLock { (context) throws(RedisError) in
            try context.reconnect()
        }
    }

    private static let ignoreBrokenPipe: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}
