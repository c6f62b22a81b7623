import MarketData
import Testing

@Suite("Every IQFEED.md example parses and encodes back to the same line")
struct RoundTripTests {
    @Test("Parses to a message, never a bad line, and encodes to the same text", arguments: IQFeedExamples.all)
    func roundTrip(port: FeedPort, line: String) {
        let message = IQFeedExamples.parse(line, port)
        #expect(!message.isBad, "\(message)")
        #expect(message.encodedLine == line)
    }

    @Test("A trailing \\r or \\r\\n is ignored", arguments: IQFeedExamples.all)
    func lineEndings(port: FeedPort, line: String) {
        let message = IQFeedExamples.parse(line, port)
        #expect(IQFeedExamples.parse(line + "\r", port) == message)
        #expect(IQFeedExamples.parse(line + "\r\n", port) == message)
        #expect(IQFeedExamples.parse(line + "\n", port) == message)
    }

    @Test("Bytes, raw buffers, substrings and strings parse alike", arguments: IQFeedExamples.all)
    func inputForms(port: FeedPort, line: String) {
        var parser = FeedParser()
        let message = parser.parse(line, port: port)
        let bytes = Array(line.utf8)
        #expect(parser.parse(bytes: bytes, port: port) == message)
        let fromRawBuffer = bytes.withUnsafeBytes { parser.parse($0, port: port) }
        #expect(fromRawBuffer == message)
        #expect(parser.parse(("x" + line).dropFirst(), port: port) == message)
        var encoded = [UInt8]()
        message.encode(into: &encoded)
        #expect(encoded == bytes)
    }
}
