/// The top of a synthetic book, as a Level 1 `Q` line reports it: the best bid and ask (in ticks) with the total size
/// at each.
struct SyntheticTop: Equatable {
    /// The best bid; `nil` when there are no bids.
    var bidPrice: Int64?
    /// The total size at the best bid; 0 when there are no bids.
    var bidSize: Int
    /// The best ask; `nil` when there are no asks.
    var askPrice: Int64?
    /// The total size at the best ask; 0 when there are no asks.
    var askSize: Int

    /// A top from the best (price, size) of each side.
    init(bid: (price: Int64, size: Int)?, ask: (price: Int64, size: Int)?) {
        bidPrice = bid?.price
        bidSize = bid?.size ?? 0
        askPrice = ask?.price
        askSize = ask?.size ?? 0
    }

    /// -1 if the middle of the spread is below `fair`, 1 if above, 0 at it or when a side is missing.
    func midpoint(comparedTo fair: Int64) -> Int {
        guard let bidPrice, let askPrice else { return 0 }
        let doubledMidpoint = bidPrice + askPrice
        return doubledMidpoint < fair * 2 ? -1 : doubledMidpoint > fair * 2 ? 1 : 0
    }

    /// The `Message Contents` flags for the change from `before`: `b` if the bid changed, `a` if the ask did.
    func changeFlags(since before: SyntheticTop) -> String {
        (bidPrice != before.bidPrice || bidSize != before.bidSize ? "b" : "")
            + (askPrice != before.askPrice || askSize != before.askSize ? "a" : "")
    }
}
