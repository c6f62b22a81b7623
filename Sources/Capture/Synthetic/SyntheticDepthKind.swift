/// How a synthetic symbol's market depth is sent on Level 2 (port 9200).
public enum SyntheticDepthKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Market by price (`WPL`): `7` snapshot rows, then `8` level updates and `9` level deletes, sizes absolute.
    case marketByPrice = "mbp"
    /// Market by order (`WOR`): `6` snapshot rows, then `3` adds, `4` updates (some move the order to another price)
    /// and `5` deletes, keyed by order id.
    case marketByOrder = "mbo"
    /// Legacy market-maker rows: `Z` snapshot rows, then `2` rows, each replacing one participant's bid and ask.
    case marketMaker = "mm"

    /// `mbp`, `mbo` or `mm`.
    public var description: String { rawValue }
}
