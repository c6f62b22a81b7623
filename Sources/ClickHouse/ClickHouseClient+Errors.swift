extension ClickHouseClient {
    /// The error for a failed exchange, naming the server and the SQL.
    func failure(_ failure: HTTPFailure, sql: String) -> ClickHouseError {
        Self.failure(failure, server: "\(host):\(port)", sql: sql, timeout: timeout)
    }

    static func failure(_ failure: HTTPFailure, server: String, sql: String, timeout: Duration) -> ClickHouseError {
        let excerpt = ClickHouseError.excerpt(sql)
        switch failure {
        case .connect(let reason):
            return ClickHouseError(
                .unreachable,
                "ClickHouse at \(server) is unreachable (\(reason)); start clickhouse-server there, "
                    + "or check the host and the HTTP port (8123 by default)"
            )
        case .notSent(let reason), .lost(let reason):
            return ClickHouseError(
                .unreachable,
                "ClickHouse at \(server) went away during `\(excerpt)` (\(reason)); is clickhouse-server still running?"
            )
        case .timedOut:
            return ClickHouseError(
                .timedOut,
                "ClickHouse at \(server) sent nothing for \(timeout) during `\(excerpt)`; the query may still be "
                    + "running there (see system.processes), or raise the client's timeout"
            )
        case .malformed(let reason):
            return ClickHouseError(
                .protocolError,
                "ClickHouse at \(server) answered `\(excerpt)` with something that is not its HTTP interface "
                    + "(\(reason)); is \(server) its HTTP port (8123 by default, not the native 9000)?"
            )
        }
    }

    /// The error for an answer whose status is not 200: ClickHouse's code (from `X-ClickHouse-Exception-Code`,
    /// which 18.16 does not send, or from the body's `Code: N, …`) and the first line of its message.
    func serverError(_ response: HTTPResponse, sql: String) -> ClickHouseError {
        let firstLine = String(response.text.prefix { $0 != "\n" && $0 != "\r" }.prefix(2000))
        let code = response.header("x-clickhouse-exception-code").flatMap { Int($0) } ?? Self.code(in: firstLine)
        guard let code else {
            return ClickHouseError(
                .protocolError,
                "ClickHouse at \(host):\(port) answered `\(ClickHouseError.excerpt(sql))` with HTTP \(response.status) "
                    + "\(response.reason) and no ClickHouse error code: \(firstLine.isEmpty ? "(no body)" : firstLine)"
            )
        }
        return ClickHouseError(
            .server(code: code),
            "ClickHouse at \(host):\(port) rejected `\(ClickHouseError.excerpt(sql))`: \(Self.tidied(firstLine))"
        )
    }

    /// `62` from `Code: 62, e.displayText() = …` (18.16) or `Code: 62. DB::Exception: …` (later versions).
    private static func code(in line: String) -> Int? {
        guard line.hasPrefix("Code: ") else { return nil }
        return Int(line.dropFirst(6).prefix { $0.isASCII && $0.isNumber })
    }

    /// `Code: 60, e.displayText() = DB::Exception: Table default.t doesn't exist., e.what() = DB::Exception`
    /// without the C++ noise: `Code: 60, DB::Exception: Table default.t doesn't exist.`
    private static func tidied(_ line: String) -> String {
        var line = Substring(line)
        if let range = line.firstRange(of: "e.displayText() = ") {
            line.removeSubrange(range)
        }
        let what = ", e.what() = DB::Exception"
        if line.hasSuffix(what) {
            line.removeLast(what.count)
        }
        return String(line)
    }
}
