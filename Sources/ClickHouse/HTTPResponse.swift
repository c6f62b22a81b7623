/// One HTTP response, read completely (the body is de-chunked).
struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    let status: Int
    /// The reason phrase, e.g. `Not Found`.
    let reason: String
    /// The header fields in order, names lowercased.
    let headers: [(name: String, value: String)]
    /// The body bytes.
    let body: [UInt8]

    /// The value of the first header field called `name` (lowercase), if any.
    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// The body as text (invalid UTF-8 is repaired).
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why one HTTP exchange failed; ``ClickHouseClient`` turns it into a ``ClickHouseError`` naming the server and SQL.
enum HTTPFailure: Error {
    /// No connection could be made: refused, timed out, or the host name did not resolve.
    case connect(String)
    /// Writing the request failed and no answer had arrived: the server did not read it (it had closed the
    /// connection, or it is gone).
    case notSent(String)
    /// The connection closed before the answer was complete.
    case lost(String)
    /// Nothing arrived within the timeout.
    case timedOut
    /// The bytes received are not an HTTP/1.x response.
    case malformed(String)
}
