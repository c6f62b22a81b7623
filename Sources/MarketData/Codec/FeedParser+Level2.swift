extension FeedParser {
    static func parsePriceLevel(_ kind: PriceLevelUpdate.Kind, _ cursor: inout FieldCursor) -> PriceLevelUpdate {
        cursor.begin(.priceLevel)
        return PriceLevelUpdate(
            kind: kind,
            symbol: cursor.nonEmptyString(),
            side: cursor.side(),
            price: cursor.price(),
            size: cursor.integer(),
            orderCount: cursor.optionalInteger(),
            precision: cursor.optionalInteger(),
            time: cursor.string(),
            date: cursor.string(),
            trailingComma: cursor.finish()
        )
    }

    static func parsePriceLevelDelete(_ cursor: inout FieldCursor) -> PriceLevelDelete {
        cursor.begin(.priceLevelDelete)
        return PriceLevelDelete(
            symbol: cursor.nonEmptyString(),
            side: cursor.side(),
            price: cursor.price(),
            time: cursor.string(),
            date: cursor.string(),
            trailingComma: cursor.finish()
        )
    }

    static func parseOrder(_ kind: OrderMessage.Kind, _ cursor: inout FieldCursor) -> OrderMessage {
        cursor.begin(.orderRow)
        return OrderMessage(
            kind: kind,
            symbol: cursor.nonEmptyString(),
            orderID: cursor.optionalUnsigned(),
            marketMaker: cursor.string(),
            side: cursor.side(),
            price: cursor.price(),
            size: cursor.integer(),
            priority: cursor.optionalInteger(),
            precision: cursor.optionalInteger(),
            time: cursor.string(),
            date: cursor.string(),
            trailingComma: cursor.finish()
        )
    }

    static func parseOrderDelete(_ cursor: inout FieldCursor) -> OrderDelete {
        cursor.begin(.orderDelete)
        return OrderDelete(
            symbol: cursor.nonEmptyString(),
            orderID: cursor.optionalUnsigned(),
            marketMaker: cursor.string(),
            side: cursor.side(),
            time: cursor.string(),
            date: cursor.string(),
            trailingComma: cursor.finish()
        )
    }

    static func parseMarketMaker(_ kind: MarketMakerQuote.Kind, _ cursor: inout FieldCursor) -> MarketMakerQuote {
        cursor.begin(.marketMaker)
        return MarketMakerQuote(
            kind: kind,
            symbol: cursor.nonEmptyString(),
            marketMaker: cursor.string(),
            bid: cursor.optionalPrice(),
            ask: cursor.optionalPrice(),
            bidSize: cursor.optionalInteger(),
            askSize: cursor.optionalInteger(),
            bidTime: cursor.string(),
            date: cursor.string(),
            conditionCode: cursor.string(),
            askTime: cursor.string(),
            bidValid: cursor.flag(),
            askValid: cursor.flag(),
            endOfGroup: cursor.flag(),
            trailingComma: cursor.finish()
        )
    }

    static func parseNoDepth(_ cursor: inout FieldCursor) -> NoDepth {
        cursor.begin(.noDepth)
        let symbol = cursor.nonEmptyString()
        let (values, trailingComma) = cursor.rest()
        return NoDepth(symbol: symbol, values: values, trailingComma: trailingComma)
    }

    static func parseMarketMakerName(_ cursor: inout FieldCursor) -> MarketMakerName {
        cursor.begin(.marketMakerName)
        let marketMaker = cursor.nonEmptyString()
        let (description, trailingComma) = cursor.joinedRest()
        return MarketMakerName(marketMaker: marketMaker, description: description, trailingComma: trailingComma)
    }
}
