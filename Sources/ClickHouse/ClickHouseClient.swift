import Synchronization
import SystemSupport

/// A blocking client for ClickHouse's HTTP interface (port 8123 by default), over one keep-alive connection.
///
/// SQL goes in the body of a `POST`; an `INSERT` statement goes in the URL (`?query=`) with its rows as the body.
/// Credentials travel in the `X-ClickHouse-User` and `X-ClickHouse-Key` headers, never in the URL or in messages.
///
/// It can be shared between tasks and threads: the connection is only touched inside a `Mutex`, so requests run
/// one at a time. Every call blocks the calling thread until ClickHouse answers; from async code, call it off the
/// cooperative thread pool.
///
/// A connection that sat idle for most of the server's keep-alive timeout, or that the server closed while idle,
/// is replaced before the next request; if sending on a reused connection fails because the server had closed it,
/// the request is sent once more on a new connection. A request whose answer was cut off is not repeated.
public final class ClickHouseClient: Sendable {
    /// The server's host, e.g. `127.0.0.1`.
    public let host: String
    /// The server's HTTP port.
    public let port: Int
    /// The database unqualified table names refer to (`?database=`).
    public let database: String
    /// The ClickHouse user, or `nil` for the server's `default` user.
    public let user: String?
    /// The limit for connecting and for each wait for bytes from the server.
    public let timeout: Duration

    private let password: String?
    private let connection: Mutex<HTTPConnection?>

    /// Connects to ClickHouse's HTTP port.
    ///
    /// - Parameters:
    ///   - host: the server's address; defaults to `127.0.0.1`.
    ///   - port: the server's HTTP port (ClickHouse's default is 8123).
    ///   - database: the database for unqualified table names; defaults to `default`.
    ///   - user: sent as `X-ClickHouse-User`; defaults to none (the server's `default` user).
    ///   - password: sent as `X-ClickHouse-Key` (with the user `default` when `user` is nil); defaults to none.
    ///   - timeout: the limit for connecting and for each wait for bytes from the server; defaults to 30 seconds.
    /// - Throws: ``ClickHouseError`` of kind `.unreachable` when nothing accepts connections at `host:port`, or
    ///   `.protocolError` when the user name or password contains a line break.
    public init(
        host: String = "127.0.0.1",
        port: Int,
        database: String = "default",
        user: String? = nil,
        password: String? = nil,
        timeout: Duration = .seconds(30)
    ) throws(ClickHouseError) {
        for (field, value) in [("user name", user), ("password", password)]
        where value?.contains(where: \.isNewline) == true {
            throw ClickHouseError(
                .protocolError,
                "the \(field) for ClickHouse at \(host):\(port) contains a line break, "
                    + "which an HTTP header cannot carry"
            )
        }
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.timeout = timeout
        do throws(HTTPFailure) {
            connection = Mutex(try HTTPConnection(host: host, port: port, timeout: timeout))
        } catch {
            throw Self.failure(error, server: "\(host):\(port)", sql: "(connect)", timeout: timeout)
        }
    }

    /// Runs a statement that returns nothing, e.g. `CREATE TABLE`, `DROP TABLE`, `OPTIMIZE TABLE … FINAL`.
    ///
    /// - Throws: ``ClickHouseError``; `.server(code:)` with ClickHouse's message when it rejects the statement.
    public func execute(_ sql: String) throws(ClickHouseError) {
        _ = try post(parameters: "", sql: sql)
    }

    /// Runs a query and returns ClickHouse's whole answer as text, e.g. TabSeparated rows each ending in a newline.
    ///
    /// The query runs with `wait_end_of_query=1`: ClickHouse holds the answer back until the query has finished, so
    /// an error in the middle of a long result is reported as an error instead of text appended to the rows.
    ///
    /// - Throws: ``ClickHouseError``; `.server(code:)` with ClickHouse's message when it rejects the query.
    public func query(_ sql: String) throws(ClickHouseError) -> String {
        try post(parameters: "&wait_end_of_query=1", sql: sql).text
    }

    /// Sends rows for an `INSERT` statement.
    ///
    /// - Parameters:
    ///   - statement: the statement naming the table and the format, e.g.
    ///     `INSERT INTO quotes FORMAT TabSeparated`; it is sent URL-encoded as `?query=`.
    ///   - body: the rows in that format (see ``ClickHouseTSV``), sent as the request body.
    /// - Throws: ``ClickHouseError``; `.server(code:)` with ClickHouse's message when it rejects the statement or
    ///   cannot parse a row.
    public func insert(_ statement: String, body: UnsafeRawBufferPointer) throws(ClickHouseError) {
        let target = "/?database=\(Self.percentEncoded(database))&query=\(Self.percentEncoded(statement))"
        _ = try perform(method: "POST", target: target, body: body, sql: statement)
    }

    /// Sends rows for an `INSERT` statement; see ``insert(_:body:)-(_,UnsafeRawBufferPointer)``.
    public func insert(_ statement: String, body: [UInt8]) throws(ClickHouseError) {
        try body.withUnsafeBytes { bytes in
            Result { () throws(ClickHouseError) in try insert(statement, body: bytes) }
        }.get()
    }

    /// Checks that the server answers `GET /ping`.
    ///
    /// - Throws: ``ClickHouseError`` of kind `.unreachable` when the server is gone.
    public func ping() throws(ClickHouseError) {
        _ = try perform(method: "GET", target: "/ping", body: nil, sql: "GET /ping")
    }

    /// `POST /?database=…<parameters>` with `sql` as the body.
    private func post(parameters: String, sql: String) throws(ClickHouseError) -> HTTPResponse {
        let target = "/?database=\(Self.percentEncoded(database))\(parameters)"
        var text = sql
        return try text.withUTF8 { bytes in
            Result { () throws(ClickHouseError) in
                try perform(method: "POST", target: target, body: UnsafeRawBufferPointer(bytes), sql: sql)
            }
        }.get()
    }

    /// Sends one request and returns the answer when its status is 200.
    ///
    /// - Parameter body: the request body (with `Content-Length`), or `nil` for none.
    private func perform(
        method: String,
        target: String,
        body: UnsafeRawBufferPointer?,
        sql: String
    ) throws(ClickHouseError) -> HTTPResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host.contains(":") ? "[\(host)]" : host):\(port)\r\n"
        if let body {
            head += "Content-Length: \(body.count)\r\n"
        }
        // ClickHouse takes a key without a user as the user "" (unknown), so a password alone goes with `default`.
        if let user = user ?? (password == nil ? nil : "default") {
            head += "X-ClickHouse-User: \(user)\r\n"
        }
        if let password {
            head += "X-ClickHouse-Key: \(password)\r\n"
        }
        head += "\r\n"
        let request = Array(head.utf8)
        let response = try connection.withLock { (slot) throws(ClickHouseError) -> HTTPResponse in
            try exchange(request, body ?? UnsafeRawBufferPointer(start: nil, count: 0), on: &slot, sql: sql)
        }
        guard response.status == 200 else {
            throw serverError(response, sql: sql)
        }
        return response
    }

    /// Runs one exchange on the connection in `slot`, replacing it first when it cannot be reused, and once more
    /// on a new connection when sending on a reused one failed before the server read anything.
    private func exchange(
        _ head: [UInt8],
        _ body: UnsafeRawBufferPointer,
        on slot: inout HTTPConnection?,
        sql: String
    ) throws(ClickHouseError) -> HTTPResponse {
        while true {
            let current: HTTPConnection
            if let existing = slot, existing.isReusable {
                current = existing
            } else {
                slot = nil
                do throws(HTTPFailure) {
                    current = try HTTPConnection(host: host, port: port, timeout: timeout)
                } catch {
                    throw failure(error, sql: sql)
                }
                slot = current
            }
            let reused = current.hasExchanged
            do throws(HTTPFailure) {
                let response = try current.exchange(head: head, body: body)
                if !current.keepAlive {
                    slot = nil
                }
                return response
            } catch {
                slot = nil
                // A new connection is never reused, so this retries at most once.
                if case .notSent = error, reused {
                    continue
                }
                throw failure(error, sql: sql)
            }
        }
    }

    /// `text` with every byte except ASCII letters, digits and `-._~` written as `%XX`, for URL parameters.
    private static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(byte)
            default:
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}
