/// A Level 1 `N` line (after `S,NEWSON`): `N,Distributor,StoryID,SYM1:SYM2,YYYYMMDDHHMMSS,Headline`.
///
/// The headline is the rest of the line and may contain commas.
public struct NewsHeadline: Sendable, Hashable {
    /// The news distributor code.
    public var distributor: String
    /// The story id, for a lookup of the full story.
    public var storyID: String
    /// The symbols the story is about, as written: joined by `:`.
    public var symbols: String
    /// `YYYYMMDDHHMMSS`, as written.
    public var timestamp: String
    /// The headline, commas included.
    public var headline: String
    /// Whether the line ends with `,` (taken as the line's terminator, not part of the headline).
    public var trailingComma: Bool

    /// A news headline line.
    public init(
        distributor: String,
        storyID: String,
        symbols: String,
        timestamp: String,
        headline: String,
        trailingComma: Bool = true
    ) {
        self.distributor = distributor
        self.storyID = storyID
        self.symbols = symbols
        self.timestamp = timestamp
        self.headline = headline
        self.trailingComma = trailingComma
    }

    /// The symbols one by one.
    public var symbolList: [Substring] {
        symbols.split(separator: ":")
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "N"))
        bytes.appendField(distributor)
        bytes.appendField(storyID)
        bytes.appendField(symbols)
        bytes.appendField(timestamp)
        bytes.appendField(headline)
        bytes.appendEnd(trailingComma: trailingComma)
    }
}
