import Feed
import Testing

@Suite("Line framing")
struct LineFramerTests {
    private func lines(of framer: LineFramer) -> [String] {
        var result: [String] = []
        framer.takeLines().forEach { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    private func append(_ text: String, to framer: LineFramer) {
        var text = text
        text.withUTF8 { framer.append(UnsafeRawBufferPointer($0)) }
    }

    @Test("splits on LF, strips CR, keeps the partial tail until it completes")
    func partialLines() {
        let framer = LineFramer()
        append("T,20260101 09:30:00\r\nQ,AAPL,1", to: framer)
        #expect(lines(of: framer) == ["T,20260101 09:30:00"])
        #expect(framer.partialLineLength == 8)
        append("2.5,\r", to: framer)
        #expect(lines(of: framer).isEmpty)
        append("\n\nn,XYZ\n", to: framer)
        #expect(lines(of: framer) == ["Q,AAPL,12.5,", "", "n,XYZ"])
    }

    @Test("every byte boundary gives the same lines")
    func everyBoundary() {
        let text = "S,SERVER CONNECTED\r\n7,AAPL,B,585.3300,200,1,4,09:30:00.004241,2012-06-21,\r\nT,x\r\n"
        let expected = ["S,SERVER CONNECTED", "7,AAPL,B,585.3300,200,1,4,09:30:00.004241,2012-06-21,", "T,x"]
        for cut in 0...text.utf8.count {
            let framer = LineFramer()
            let bytes = Array(text.utf8)
            var seen: [String] = []
            bytes[..<cut].withUnsafeBytes { framer.append($0) }
            seen += lines(of: framer)
            bytes[cut...].withUnsafeBytes { framer.append($0) }
            seen += lines(of: framer)
            #expect(seen == expected, "cut at \(cut)")
        }
    }

    @Test("a partial line left when a connection ends is discarded and measured, not passed on as a line")
    func partialAtEnd() {
        let framer = LineFramer()
        append("Q,AAPL,1\r\nQ,MS", to: framer)
        #expect(lines(of: framer) == ["Q,AAPL,1"])
        #expect(framer.discardPartialLine() == 4)
        #expect(framer.partialLineLength == 0)
        append("T,x\r\n", to: framer)
        #expect(lines(of: framer) == ["T,x"], "the next connection starts clean")
    }

    @Test("a line longer than the maximum is handed out rather than buffered forever")
    func overlong() {
        let framer = LineFramer(capacity: 1024)
        append(String(repeating: "x", count: LineFramer.maximumLineLength + 10), to: framer)
        let taken = framer.takeLines()
        #expect(taken.bytes.count == LineFramer.maximumLineLength + 10)
    }
}
