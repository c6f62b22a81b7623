import Testing

@testable import Pipeline

@Suite("Feed faults decide each event's fate and remember what the feed lost")
struct SourceFaultsTests {
    @Test("drop and corrupt take the next events in turn; a disconnection loses everything until reconnect")
    func fates() {
        let faults = SourceFaults()
        #expect(faults.action(for: 1) == .publish)
        faults.dropNext(2)
        faults.corruptNext(1)
        #expect((2...4).map(faults.action(for:)) == [.drop, .drop, .corrupt])
        faults.disconnect()
        #expect((5...7).map(faults.action(for:)) == [.drop, .drop, .drop])
        faults.reconnect()
        #expect(faults.action(for: 8) == .publish)
        #expect(faults.lostSeqs == [2, 3, 5, 6, 7])
    }

    @Test("a stall holds the feed without losing anything; a garbled line keeps its length and is no message type")
    func stallAndGarble() {
        let faults = SourceFaults()
        faults.stall()
        #expect(faults.isStalled)
        faults.resume()
        #expect(!faults.isStalled)
        #expect(faults.lostSeqs.isEmpty)
        let line = Array("Q,AAPL,1.0".utf8)
        let garbled = line.withUnsafeBytes { SourceFaults.garble($0) }
        #expect(garbled.count == line.count)
        #expect(garbled.first == UInt8(ascii: "#"))
    }
}
