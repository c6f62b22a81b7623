import CHiredis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hiredis `redisContext*` of one connection and what it needs to reconnect.
///
/// Not thread safe: ``RedisConnection`` keeps it behind a mutex and frees ``pointer`` in its `deinit`.
struct HiredisContext {
    let pointer: UnsafeMutablePointer<redisContext>
    let endpoint: String
    let commandTimeout: Duration
    let password: String?
    /// Set after a connection error; the next command reconnects first.
    private(set) var isBroken = false

    /// Connects with `redisConnectWithTimeout`, sets the command timeout and sends `AUTH` if a
    /// password is given.
    init(
        host: String,
        port: Int,
        connectTimeout: Duration,
        commandTimeout: Duration,
        password: String?
    )
        throws(RedisError)
    {
        let endpoint = "\(host):\(port)"
        guard let pointer = redisConnectWithTimeout(host, Int32(port), timeval(connectTimeout)) else {
            throw RedisError(.connect, "could not allocate a hiredis context to connect to Redis at \(endpoint)")
        }
        self.pointer = pointer
        self.endpoint = endpoint
        self.commandTimeout = commandTimeout
        self.password = password
        do throws(RedisError) {
            guard chiredis_context_err(pointer) == 0 else {
                throw connectError(verb: "connect to")
            }
            try configure()
        } catch {
            redisFree(pointer)
            throw error
        }
    }

    /// Reconnects with `redisReconnect` (same host, port and connect timeout), then sets the command
    /// timeout and sends `AUTH` again. The context stays broken if this fails.
    mutating func reconnect() throws(RedisError) {
        isBroken = true
        guard redisReconnect(pointer) == REDIS_OK else {
            throw connectError(verb: "reconnect to")
        }
        try configure()
        isBroken = false
    }

    /// Sends one command and reads its reply; an error reply is thrown as a `.server` or `.auth` error.
    mutating func send(_ arguments: [RedisArgument]) throws(RedisError) -> RedisReply {
        try Self.requireName(arguments)
        if isBroken {
            try reconnect()
        }
        try append(arguments)
        let reply = try readReply(command: arguments[0])
        if case .error(let text) = reply {
            throw serverError(text, command: arguments[0])
        }
        return reply
    }

    /// Appends every command, then reads one reply per command; error replies stay in the result.
    mutating func pipeline(_ commands: [[RedisArgument]]) throws(RedisError) -> [RedisReply] {
        for command in commands { try Self.requireName(command) }
        if isBroken {
            try reconnect()
        }
        for command in commands {
            try append(command)
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for command in commands {
            replies.append(try readReply(command: command[0]))
        }
        return replies
    }

    /// Sets the socket timeout (`redisSetTimeout`) and authenticates; used after every connect.
    private mutating func configure() throws(RedisError) {
        guard redisSetTimeout(pointer, timeval(commandTimeout)) == REDIS_OK else {
            throw connectError(verb: "set the command timeout on the connection to")
        }
        guard let password else {
            return
        }
        try append(["AUTH", .string(password)])
        if case .error(let text) = try readReply(command: "AUTH") {
            throw RedisError(
                .auth,
                "Redis at \(endpoint) rejected the password: \(text) (check it against the server's requirepass)"
            )
        }
    }

    /// Adds one command to hiredis's output buffer with `redisAppendCommandArgv`; nothing is sent yet.
    /// An empty command is the caller's mistake: refuse it before anything is sent (a trap would skip the exit hook
    /// that stops managed servers).
    private static func requireName(_ arguments: [RedisArgument]) throws(RedisError) {
        guard !arguments.isEmpty else {
            throw RedisError(.protocol, "empty Redis command: a command needs at least its name")
        }
    }

    private mutating func append(_ arguments: [RedisArgument]) throws(RedisError) {
        let status = arguments.withArgv { count, pointers, lengths in
            redisAppendCommandArgv(pointer, count, pointers, lengths)
        }
        guard status == REDIS_OK else {
            isBroken = true
            throw RedisError(
                .connectionLost,
                "could not queue a command for Redis at \(endpoint): \(errorText); the next command reconnects"
            )
        }
    }

    /// Flushes the output buffer if needed and reads one reply (`redisGetReply`), copied into Swift.
    private mutating func readReply(command: RedisArgument) throws(RedisError) -> RedisReply {
        var reply: UnsafeMutablePointer<redisReply>?
        let status = chiredis_get_reply(pointer, &reply)
        let savedErrno = errno
        guard status == REDIS_OK, let reply else {
            isBroken = true
            throw lostError(errno: savedErrno, command: command)
        }
        defer { freeReplyObject(reply) }
        guard let copy = RedisReply(copying: reply) else {
            isBroken = true
            throw RedisError(
                .protocol,
                "Redis at \(endpoint) answered \(command.name) with a reply type hiredis 0.14 does not know; "
                    + "the next command reconnects"
            )
        }
        return copy
    }

    private var errorText: String {
        String(cString: chiredis_context_errstr(pointer))
    }

    private func connectError(verb: String) -> RedisError {
        RedisError(.connect, "could not \(verb) Redis at \(endpoint): \(errorText) (is redis-server running?)")
    }

    private func lostError(errno savedErrno: Int32, command: RedisArgument) -> RedisError {
        switch chiredis_context_err(pointer) {
        case REDIS_ERR_EOF:
            return RedisError(
                .connectionLost,
                "Redis at \(endpoint) closed the connection (is redis-server running?); the next command reconnects"
            )
        case REDIS_ERR_IO where savedErrno == EAGAIN || savedErrno == EWOULDBLOCK:
            return RedisError(
                .timeout,
                "Redis at \(endpoint) did not answer \(command.name) within \(commandTimeout) (the command timeout); "
                    + "the next command reconnects"
            )
        case REDIS_ERR_PROTOCOL:
            return RedisError(
                .protocol,
                "Redis at \(endpoint) sent a reply hiredis could not parse: \(errorText); the next command reconnects"
            )
        default:
            return RedisError(
                .connectionLost,
                "lost the connection to Redis at \(endpoint): \(errorText) (is redis-server running?); "
                    + "the next command reconnects"
            )
        }
    }

    private func serverError(_ text: String, command: RedisArgument) -> RedisError {
        if text.hasPrefix("NOAUTH") {
            return RedisError(
                .auth,
                "Redis at \(endpoint) needs a password (\(text)); pass the server's requirepass as password"
            )
        }
        return RedisError(.server, "Redis at \(endpoint) answered \(command.name) with an error: \(text)")
    }
}

extension RedisArgument {
    /// The argument as text for messages, e.g. the command name `HSET`.
    fileprivate var name: String {
        switch self {
        case .string(let text): text
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension timeval {
    /// A `timeval` for hiredis, rounded down to microseconds.
    fileprivate init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
