import SystemSupport

extension HTTPConnection {
    /// Reads one complete response (skipping `1xx` interim ones) and records whether the connection stays open.
    ///
    /// - Parameter wait: the limit for each wait for bytes.
    func readResponse(wait: Duration) throws(HTTPFailure) -> HTTPResponse {
        var head = try readHead(wait)
        while (100..<200).contains(head.status) {
            head = try readHead(wait)
        }
        let response = HTTPResponse(status: head.status, reason: head.reason, headers: head.headers, body: [])
        var body: [UInt8] = []
        var closeDelimited = false
        if head.status == 204 || head.status == 304 {
            // No body by definition.
        } else if response.header("transfer-encoding")?.lowercased().contains("chunked") == true {
            try readChunkedBody(into: &body, wait)
        } else if let length = response.header("content-length") {
            guard let count = Int(length), count >= 0 else {
                throw .malformed("\(peer) sent the header Content-Length: \(length.prefix(40))")
            }
            body.reserveCapacity(min(count, 1 << 26))
            try readBytes(count, into: &body, wait)
        } else {
            try readToEnd(into: &body, wait)
            closeDelimited = true
        }

        let connection = response.header("connection")?.lowercased() ?? ""
        let persistent = head.version == "HTTP/1.0" ? connection.contains("keep-alive") : !connection.contains("close")
        keepAlive = persistent && !closeDelimited && start == end
        idleDeadline = Self.deadline(keepAlive: Self.keepAliveTimeout(response.header("keep-alive")))
        return HTTPResponse(status: head.status, reason: head.reason, headers: head.headers, body: body)
    }

    private struct Head {
        var version: String
        var status: Int
        var reason: String
        var headers: [(name: String, value: String)]
    }

    private func readHead(_ wait: Duration) throws(HTTPFailure) -> Head {
        let statusLine = try readLine(wait)
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw .malformed("\(peer) answered “\(statusLine.prefix(80))”, which is not an HTTP/1.x status line")
        }
        var head = Head(
            version: String(parts[0]),
            status: status,
            reason: parts.count > 2 ? String(parts[2]) : "",
            headers: []
        )
        while true {
            let line = try readLine(wait)
            if line.isEmpty { return head }
            guard let colon = line.firstIndex(of: ":"), head.headers.count < 200 else {
                throw .malformed("\(peer) sent the header line “\(line.prefix(80))”")
            }
            head.headers.append(
                (name: line[..<colon].lowercased(), value: trimmed(line[line.index(after: colon)...]))
            )
        }
    }

    /// Chunks (`<hex size>[;extensions]` CRLF, data, CRLF) up to the zero-size chunk, then the trailer fields.
    private func readChunkedBody(into body: inout [UInt8], _ wait: Duration) throws(HTTPFailure) {
        while true {
            let line = try readLine(wait)
            guard let size = Int(trimmed(line.prefix { $0 != ";" }), radix: 16), size >= 0 else {
                throw .malformed("\(peer) sent the chunk size line “\(line.prefix(40))”")
            }
            if size == 0 { break }
            try readBytes(size, into: &body, wait)
            guard try readLine(wait).isEmpty else {
                throw .malformed("\(peer) sent a chunk of \(size) bytes not followed by CRLF")
            }
        }
        while try !readLine(wait).isEmpty {}
    }

    private func readBytes(_ count: Int, into body: inout [UInt8], _ wait: Duration) throws(HTTPFailure) {
        var remaining = count
        while remaining > 0 {
            if start == end {
                try fillOrThrow(wait)
            }
            let taken = min(remaining, end - start)
            body.append(contentsOf: buffer[start..<start + taken])
            start += taken
            remaining -= taken
        }
    }

    private func readToEnd(into body: inout [UInt8], _ wait: Duration) throws(HTTPFailure) {
        repeat {
            body.append(contentsOf: buffer[start..<end])
            start = end
        } while try fill(wait)
    }

    /// The next line without its CRLF (or bare LF), as text.
    private func readLine(_ wait: Duration) throws(HTTPFailure) -> String {
        var scanned = 0
        while true {
            if let newline = buffer[(start + scanned)..<end].firstIndex(of: 0x0A) {
                let lineEnd = newline > start && buffer[newline - 1] == 0x0D ? newline - 1 : newline
                let line = String(decoding: buffer[start..<lineEnd], as: UTF8.self)
                start = newline + 1
                return line
            }
            scanned = end - start
            try fillOrThrow(wait)
        }
    }

    private func fillOrThrow(_ wait: Duration) throws(HTTPFailure) {
        guard try fill(wait) else {
            let what = receivedAny ? "in the middle of its answer" : "without answering"
            throw .lost("\(peer) closed the connection \(what)")
        }
    }

    /// Receives more bytes after `end`, first moving unread bytes to the front if the buffer is full.
    ///
    /// - Returns: false when the server has closed the connection.
    private func fill(_ wait: Duration) throws(HTTPFailure) -> Bool {
        if start == end {
            start = 0
            end = 0
        } else if end == buffer.count {
            guard start > 0 else {
                throw .malformed("\(peer) sent a header line longer than \(buffer.count) bytes")
            }
            let unread = end - start
            buffer.withUnsafeMutableBytes { bytes in
                bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + start, byteCount: unread)
            }
            start = 0
            end = unread
        }
        let received = buffer.withUnsafeMutableBytes { bytes in
            stream.receive(into: UnsafeMutableRawBufferPointer(rebasing: bytes[end...]), timeout: wait)
        }
        switch received {
        case .bytes(let count):
            end += count
            receivedAny = true
            return true
        case .closed:
            return false
        case .timedOut:
            throw .timedOut
        }
    }

    /// The `timeout=` of a `Keep-Alive` header, or ClickHouse's default.
    private static func keepAliveTimeout(_ header: String?) -> Duration {
        for parameter in (header ?? "").split(separator: ",") {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            if pair.count == 2, trimmed(pair[0]).lowercased() == "timeout", let seconds = Int(trimmed(pair[1])) {
                return .seconds(seconds)
            }
        }
        return defaultKeepAlive
    }
}

/// `text` without leading and trailing spaces and tabs.
private func trimmed(_ text: Substring) -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(text.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
}
