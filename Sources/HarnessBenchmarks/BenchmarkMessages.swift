import Foundation

/// Pre-generated keyed messages shaped like IQFeed Level 1 lines, so producing measures Kafka, not formatting.
///
/// All values live in one byte arena; message `i` (0-based) has seq `i + 1`, key `SYM<i % symbols>` and a value
/// that starts with `Q,<key>,<seq>,` and is padded to `size` bytes.
struct BenchmarkMessages {
    let count: Int
    let keys: [[UInt8]]
    private let arena: [UInt8]
    private let size: Int

    init(count: Int, size: Int, symbols: Int = 100) {
        self.count = count
        self.size = size
        keys = (0..<symbols).map { Array("SYM\($0)".utf8) }
        var arena = [UInt8]()
        arena.reserveCapacity(count * size)
        for index in 0..<count {
            let seq = index + 1
            var line = Array("Q,SYM\(index % symbols),\(seq),187.\(seq % 97),\(100 + seq % 900),187.40,187.55,".utf8)
            line += Array("\(seq % 13),\(seq % 7),09:30:\(seq % 60).\(seq % 1_000_000),".utf8)
            while line.count < size { line.append(UInt8(ascii: "0") + UInt8(line.count % 10)) }
            arena += line.prefix(size)
        }
        self.arena = arena
    }

    /// Calls `body` with the value bytes of every message in order.
    func forEach(_ body: (_ index: Int, _ key: [UInt8], _ value: UnsafeRawBufferPointer) throws -> Void) rethrows {
        try arena.withUnsafeBytes { all in
            for index in 0..<count {
                let value = UnsafeRawBufferPointer(rebasing: all[index * size..<(index + 1) * size])
                try body(index, keys[index % keys.count], value)
            }
        }
    }

    /// Calls `body` with the value arena (message `i` at `i * size`), the value size and the keys as C strings,
    /// for the C reference.
    func withCBuffers<Result>(
        _ body: (UnsafePointer<UInt8>, Int, [UnsafePointer<CChar>?]) throws -> Result
    ) rethrows -> Result {
        let cKeys = keys.map { key in strdup(String(decoding: key, as: UTF8.self)) }
        defer { cKeys.forEach { free($0) } }
        return try arena.withUnsafeBufferPointer { values in
            try body(values.baseAddress!, size, cKeys.map { UnsafePointer($0) })
        }
    }

    /// The seq written in a value: the number after the second comma.
    static func seq(in value: UnsafeRawBufferPointer) -> Int {
        var commas = 0
        var seq = 0
        for byte in value {
            if byte == UInt8(ascii: ",") {
                commas += 1
                if commas == 3 { break }
            } else if commas == 2 {
                seq = seq * 10 + Int(byte &- UInt8(ascii: "0"))
            }
        }
        return seq
    }

    /// The messages as `key:value` lines, the input format of `kcat -P -K:`.
    var kcatInput: [UInt8] {
        var text = [UInt8]()
        text.reserveCapacity(count * (size + 8))
        forEach { _, key, value in
            text += key
            text.append(UInt8(ascii: ":"))
            text += value
            text.append(UInt8(ascii: "\n"))
        }
        return text
    }
}
