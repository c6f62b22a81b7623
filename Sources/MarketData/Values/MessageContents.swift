/// What a Level 1 `Q` or `P` line reports: the flags of its `Message Contents` field (`Cbaohlc`, `ba`, `Cbacv`).
public struct MessageContents: OptionSet, Sendable, Hashable {
    /// The flags as bits.
    public let rawValue: UInt16

    /// Flags from their bits.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// `C`: a last qualified trade.
    public static let qualifiedTrade = MessageContents(rawValue: 1 << 0)
    /// `E`: an extended (Form-T) trade.
    public static let extendedTrade = MessageContents(rawValue: 1 << 1)
    /// `O`: another trade.
    public static let otherTrade = MessageContents(rawValue: 1 << 2)
    /// `b`: a bid update.
    public static let bid = MessageContents(rawValue: 1 << 3)
    /// `a`: an ask update.
    public static let ask = MessageContents(rawValue: 1 << 4)
    /// `o`: an open.
    public static let open = MessageContents(rawValue: 1 << 5)
    /// `h`: a high.
    public static let high = MessageContents(rawValue: 1 << 6)
    /// `l`: a low.
    public static let low = MessageContents(rawValue: 1 << 7)
    /// `c`: a close.
    public static let close = MessageContents(rawValue: 1 << 8)
    /// `s`: a settlement.
    public static let settlement = MessageContents(rawValue: 1 << 9)
    /// `v`: a volume update.
    public static let volume = MessageContents(rawValue: 1 << 10)

    /// Any kind of trade: `C`, `E` or `O`.
    public static let anyTrade: MessageContents = [.qualifiedTrade, .extendedTrade, .otherTrade]

    /// The flags of a `Message Contents` value; unknown characters are ignored.
    public init(flags: some StringProtocol) {
        var bits: UInt16 = 0
        for byte in flags.utf8 {
            switch byte {
            case UInt8(ascii: "C"): bits |= Self.qualifiedTrade.rawValue
            case UInt8(ascii: "E"): bits |= Self.extendedTrade.rawValue
            case UInt8(ascii: "O"): bits |= Self.otherTrade.rawValue
            case UInt8(ascii: "b"): bits |= Self.bid.rawValue
            case UInt8(ascii: "a"): bits |= Self.ask.rawValue
            case UInt8(ascii: "o"): bits |= Self.open.rawValue
            case UInt8(ascii: "h"): bits |= Self.high.rawValue
            case UInt8(ascii: "l"): bits |= Self.low.rawValue
            case UInt8(ascii: "c"): bits |= Self.close.rawValue
            case UInt8(ascii: "s"): bits |= Self.settlement.rawValue
            case UInt8(ascii: "v"): bits |= Self.volume.rawValue
            default: break
            }
        }
        self.rawValue = bits
    }

    /// Whether the line reports a trade of any kind.
    public var hasTrade: Bool { !isDisjoint(with: .anyTrade) }
}
