/// The names of the values in Level 1 `Q` and `P` lines, in order: the list IQConnect acknowledges with
/// `S,CURRENT UPDATE FIELDNAMES,...`.
///
/// Copies share one storage, so every ``Level1Update`` can carry the list it was read with at no cost.
public struct Level1FieldList: Sendable, Hashable, CustomStringConvertible {
    /// The 6.x default list of 16 fields, in effect until IQConnect acknowledges another.
    public static let `default` = Level1FieldList([
        "Symbol", "Most Recent Trade", "Most Recent Trade Size", "Most Recent Trade Time",
        "Most Recent Trade Market Center", "Total Volume", "Bid", "Bid Size", "Ask", "Ask Size", "Open", "High", "Low",
        "Close", "Message Contents", "Most Recent Trade Conditions",
    ])

    let storage: Storage

    /// A list of field names as IQConnect spells them (`Symbol`, `Most Recent Trade`, `Bid Size`...).
    ///
    /// IQConnect always puts `Symbol` first; ``Level1Update/symbol`` is the first value whatever the names.
    /// - Precondition: `names` is not empty.
    public init(_ names: [String]) {
        precondition(!names.isEmpty, "a Level 1 field list has at least the Symbol field")
        storage = Storage(names: names)
    }

    /// The field names in order.
    public var names: [String] { storage.names }

    /// How many fields the list has.
    public var count: Int { storage.names.count }

    /// The position of the field called `name`, or `nil` if the list does not have it.
    public func index(of name: String) -> Int? {
        storage.indexByName[name]
    }

    /// The names joined by commas.
    public var description: String { storage.names.joined(separator: ",") }

    /// Lists are equal when they name the same fields in the same order.
    public static func == (lhs: Level1FieldList, rhs: Level1FieldList) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.names == rhs.storage.names
    }

    /// Hashes the names.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.names)
    }

    /// The typed fields a ``Level1Update`` parses while reading a line.
    enum Role: UInt8 {
        case other, lastPrice, lastSize, totalVolume, bid, bidSize, ask, askSize

        init(name: String) {
            switch name {
            case "Most Recent Trade": self = .lastPrice
            case "Most Recent Trade Size": self = .lastSize
            case "Total Volume": self = .totalVolume
            case "Bid": self = .bid
            case "Bid Size": self = .bidSize
            case "Ask": self = .ask
            case "Ask Size": self = .askSize
            default: self = .other
            }
        }
    }

    /// Immutable, so sharing it across threads is safe.
    final class Storage: Sendable {
        let names: [String]
        let indexByName: [String: Int]
        let roles: [Role]
        let lastTimeIndex: Int?
        let messageContentsIndex: Int?
        let tradeConditionsIndex: Int?

        init(names: [String]) {
            self.names = names
            var indexByName = [String: Int]()
            for (index, name) in names.enumerated() where indexByName[name] == nil {
                indexByName[name] = index
            }
            self.indexByName = indexByName
            var roles = names.map(Role.init(name:))
            // A repeated name is read as text after its first appearance.
            for (index, name) in names.enumerated() where indexByName[name] != index { roles[index] = .other }
            self.roles = roles
            lastTimeIndex = indexByName["Most Recent Trade Time"]
            messageContentsIndex = indexByName["Message Contents"]
            tradeConditionsIndex = indexByName["Most Recent Trade Conditions"]
        }
    }
}
