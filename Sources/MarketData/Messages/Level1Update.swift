/// A Level 1 `Q` (update) or `P` (summary) line, read by the field list in effect when it arrived.
///
/// Every value is kept as written (``values``), so encoding gives back the line; the fields the pipeline needs are
/// parsed once, when the line is read, and a line whose price or size fields are not numbers is a bad line. Values past
/// the end of the field list (IQConnect 6.1+ may append aggressor and day code) are kept too.
public struct Level1Update: Sendable, Hashable {
    /// Which code carried the line.
    public enum Kind: Sendable, Hashable {
        /// `Q`: an update.
        case update
        /// `P`: a summary (snapshot), sent after `wSYM` and `fSYM`.
        case summary
    }

    /// `Q` or `P`.
    public let kind: Kind
    /// The field list the values were read by.
    public let fieldList: Level1FieldList
    /// All values in order, `Symbol` first, including any past the end of the field list.
    public let values: FieldValues
    /// Whether the line ends with `,`.
    public let trailingComma: Bool
    /// The first value: the symbol.
    public let symbol: String
    /// `Most Recent Trade`; `nil` when not selected or empty.
    public let lastPrice: Price?
    /// `Most Recent Trade Size`; `nil` when not selected or empty.
    public let lastSize: Int?
    /// `Total Volume`; `nil` when not selected or empty.
    public let totalVolume: Int?
    /// `Bid`; `nil` when not selected or empty.
    public let bid: Price?
    /// `Bid Size`; `nil` when not selected or empty.
    public let bidSize: Int?
    /// `Ask`; `nil` when not selected or empty.
    public let ask: Price?
    /// `Ask Size`; `nil` when not selected or empty.
    public let askSize: Int?

    /// An update from its values, read by `fieldList`; `nil` if there are fewer values than names, a value contains a
    /// comma, or a price or size field is not a number.
    public init?(kind: Kind, fieldList: Level1FieldList = .default, values: [String], trailingComma: Bool = true) {
        guard values.count >= fieldList.count, !values.contains(where: { $0.utf8.contains(UInt8(ascii: ",")) })
        else { return nil }
        var line = kind == .update ? "Q," : "P,"
        line += values.joined(separator: ",")
        if trailingComma { line += "," }
        var parser = FeedParser(level1Fields: fieldList)
        guard case .level1(let update) = parser.parse(line, port: .level1) else { return nil }
        self = update
    }

    init(
        kind: Kind,
        fieldList: Level1FieldList,
        values: FieldValues,
        trailingComma: Bool,
        symbol: String,
        typed: TypedFields
    ) {
        self.kind = kind
        self.fieldList = fieldList
        self.values = values
        self.trailingComma = trailingComma
        self.symbol = symbol
        self.lastPrice = typed.lastPrice
        self.lastSize = typed.lastSize
        self.totalVolume = typed.totalVolume
        self.bid = typed.bid
        self.bidSize = typed.bidSize
        self.ask = typed.ask
        self.askSize = typed.askSize
    }

    /// `Most Recent Trade Time` (`HH:MM:SS.ffffff`) as written; `nil` when not selected or empty.
    public var lastTime: Substring? { value(at: fieldList.storage.lastTimeIndex) }

    /// `Message Contents` as written (`Cbaohlc`); `nil` when not selected or empty.
    public var messageContents: Substring? { value(at: fieldList.storage.messageContentsIndex) }

    /// The flags of `Message Contents`; empty when not selected or empty.
    public var contents: MessageContents { MessageContents(flags: messageContents ?? "") }

    /// `Most Recent Trade Conditions` as written: 2-digit hex codes run together (`873D17`); `nil` when not selected
    /// or empty.
    public var tradeConditions: Substring? { value(at: fieldList.storage.tradeConditionsIndex) }

    /// The value of the field called `name` as written; `nil` when the list does not have it or it is empty.
    public func value(named name: String) -> Substring? {
        value(at: fieldList.index(of: name))
    }

    /// The value of the field called `name` as a price; `nil` when the list does not have it, it is empty or it is
    /// not a price.
    public func price(named name: String) -> Price? {
        value(named: name).flatMap { Price($0) }
    }

    /// The value of the field called `name` as a whole number; `nil` when the list does not have it, it is empty or it
    /// is not a plain whole number.
    public func integer(named name: String) -> Int? {
        guard var text = value(named: name) else { return nil }
        var problem = NumberProblem.notANumber
        return text.withUTF8 { NumberParser.integer($0, 0..<$0.count, problem: &problem) }
    }

    private func value(at index: Int?) -> Substring? {
        guard let index, let value = values.value(at: index), !value.isEmpty else { return nil }
        return value
    }

    func write(to bytes: inout [UInt8]) {
        bytes.append(kind == .update ? UInt8(ascii: "Q") : UInt8(ascii: "P"))
        bytes.appendFields(values)
        bytes.appendEnd(trailingComma: trailingComma)
    }

    /// The parsed fields, filled while the line is read.
    struct TypedFields {
        var lastPrice: Price?
        var lastSize: Int?
        var totalVolume: Int?
        var bid: Price?
        var bidSize: Int?
        var ask: Price?
        var askSize: Int?
    }
}
