import MarketData

/// Everything the pipeline knows about one symbol: its book, its features and how far it has got.
///
/// Pure. ``apply(_:seq:)`` takes each parsed message of the symbol in `seq` order. The book the features read is
/// the symbol's depth book once a Level 2 message has been seen (its kind fixed by the first one), and until then
/// a one-level book made of the Level 1 best bid and ask.
public struct SymbolState: Sendable {
    /// The depth kind, once a Level 2 message has been seen.
    public private(set) var depthKind: DepthKind?
    private var byPrice = PriceLevelBook()
    private var byOrder = MarketByOrderBook()
    private var marketMaker = MarketMakerBook()
    private var level1Top = PriceLevelBook()
    private var calculator: FeatureCalculator
    /// The last `seq` applied; 0 before the first.
    public private(set) var lastSeq: Int64 = 0
    /// Messages applied so far.
    public private(set) var eventCount = 0

    /// A symbol with nothing seen yet.
    public init(volatilityWindow: Int = 100) {
        calculator = FeatureCalculator(volatilityWindow: volatilityWindow)
    }

    /// The features after the last message.
    public var features: Features { calculator.current }

    /// The book the features are computed from.
    public var book: PriceLevelBook {
        switch depthKind {
        case .byPrice: byPrice
        case .byOrder: byOrder.levels
        case .marketMaker: marketMaker.levels
        case nil: level1Top
        }
    }

    /// Applies one message of the symbol with sequence number `seq` and returns the features after it.
    @discardableResult
    public mutating func apply(_ message: FeedMessage, seq: Int64) -> Features {
        lastSeq = seq
        eventCount += 1
        if depthKind == nil, let kind = DepthKind(message) {
            depthKind = kind
        }
        var bookChanged = false
        switch message {
        case .level1(let update):
            calculator.record(update)
            if depthKind == nil {
                bookChanged = applyTop(update)
            }
        case .clearDepth:
            bookChanged = applyDepth(message)
        default:
            if DepthKind(message) != nil {
                bookChanged = applyDepth(message)
            }
        }
        if bookChanged {
            calculator.update(book: book)
        }
        return calculator.current
    }

    /// Applies a depth message to the book of the symbol's depth kind only: a symbol has one depth book.
    private mutating func applyDepth(_ message: FeedMessage) -> Bool {
        switch depthKind {
        case .byPrice: byPrice.apply(message)
        case .byOrder: byOrder.apply(message)
        case .marketMaker: marketMaker.apply(message)
        case nil: false
        }
    }

    /// Replaces the Level 1 top with the update's best bid and ask, where it carries them.
    private mutating func applyTop(_ update: Level1Update) -> Bool {
        var changed = false
        if let bid = update.bid {
            level1Top.clear(.bid)
            if let size = update.bidSize, size > 0 { level1Top.set(.bid, price: bid, size: size) }
            changed = true
        }
        if let ask = update.ask {
            level1Top.clear(.ask)
            if let size = update.askSize, size > 0 { level1Top.set(.ask, price: ask, size: size) }
            changed = true
        }
        return changed
    }
}
