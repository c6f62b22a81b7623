extension FeedParser {
    /// `Q` and `P`: values named by the current field list; prices and sizes the pipeline uses are parsed here.
    mutating func parseLevel1Update(_ kind: Level1Update.Kind, _ cursor: inout FieldCursor) -> Level1Update {
        let fieldList = level1Fields
        let roles = fieldList.storage.roles
        cursor.begin(.level1Values)
        cursor.level1Names = fieldList.storage.names
        let valuesStart = cursor.position
        func tooFewValues(_ cursor: FieldCursor) -> LineProblem {
            let type = LineProblem.quote(cursor.bytes, cursor.typeCode)
            return LineProblem(
                "\(type) line has \(cursor.fieldsTaken) values; the Level 1 field list has \(roles.count) "
                    + "(\(fieldList.names.joined(separator: ", ")))"
            )
        }
        var symbol = ""
        if let symbolRange = cursor.next() {
            if symbolRange.isEmpty { cursor.failEmpty() }
            symbol = cursor.string(symbolRange)
        } else {
            cursor.fail(tooFewValues(cursor))
        }
        var typed = Level1Update.TypedFields()
        for role in roles.dropFirst() {
            guard let range = cursor.next() else {
                cursor.fail(tooFewValues(cursor))
                break
            }
            guard role != .other, !range.isEmpty else { continue }
            switch role {
            case .other: break
            case .lastPrice: typed.lastPrice = cursor.price(range)
            case .lastSize: typed.lastSize = cursor.integer(range)
            case .totalVolume: typed.totalVolume = cursor.integer(range)
            case .bid: typed.bid = cursor.price(range)
            case .bidSize: typed.bidSize = cursor.integer(range)
            case .ask: typed.ask = cursor.price(range)
            case .askSize: typed.askSize = cursor.integer(range)
            }
        }
        var count = roles.count
        var valuesEnd = cursor.bytes.count
        var trailingComma = false
        if !cursor.isAtEnd {
            while let range = cursor.next() {
                if cursor.isAtEnd && range.isEmpty {
                    trailingComma = true
                    valuesEnd -= 1
                } else {
                    count += 1
                }
            }
        }
        return Level1Update(
            kind: kind,
            fieldList: fieldList,
            values: FieldValues(joined: cursor.string(valuesStart..<valuesEnd), count: count),
            trailingComma: trailingComma,
            symbol: symbol,
            typed: typed
        )
    }

    static func parseFundamental(_ cursor: inout FieldCursor) -> FundamentalMessage {
        cursor.begin(.fundamental)
        let symbol = cursor.nonEmptyString()
        let (values, trailingComma) = cursor.rest()
        return FundamentalMessage(symbol: symbol, values: values, trailingComma: trailingComma)
    }

    static func parseRegional(_ cursor: inout FieldCursor) -> RegionalQuote {
        cursor.begin(.regional)
        return RegionalQuote(
            symbol: cursor.nonEmptyString(),
            exchange: cursor.string(),
            bid: cursor.optionalPrice(),
            bidSize: cursor.optionalInteger(),
            bidTime: cursor.string(),
            ask: cursor.optionalPrice(),
            askSize: cursor.optionalInteger(),
            askTime: cursor.string(),
            fractionDisplayCode: cursor.optionalInteger(),
            decimalPrecision: cursor.optionalInteger(),
            marketCenter: cursor.optionalInteger(),
            trailingComma: cursor.finish()
        )
    }

    static func parseTradeCorrection(_ cursor: inout FieldCursor) -> TradeCorrection {
        cursor.begin(.tradeCorrection)
        let symbol = cursor.nonEmptyString()
        let actionRange = cursor.field()
        let action: TradeCorrection.Action
        if cursor.fieldEquals(actionRange, "I") {
            action = .insert
        } else if cursor.fieldEquals(actionRange, "X") {
            action = .delete
        } else {
            cursor.fail(
                LineProblem(
                    "\(cursor.currentFieldLabel) is not I or X: \(LineProblem.quote(cursor.bytes, actionRange))"
                )
            )
            action = .delete
        }
        return TradeCorrection(
            symbol: symbol,
            action: action,
            tradeType: cursor.string(),
            date: cursor.string(),
            time: cursor.string(),
            price: cursor.optionalPrice(),
            size: cursor.optionalInteger(),
            tickID: cursor.optionalUnsigned(),
            conditions: cursor.string(),
            marketCenter: cursor.optionalInteger(),
            trailingComma: cursor.finish()
        )
    }

    static func parseNews(_ cursor: inout FieldCursor) -> NewsHeadline {
        cursor.begin(.news)
        let distributor = cursor.string()
        let storyID = cursor.string()
        let symbols = cursor.string()
        let timestamp = cursor.string()
        let (headline, trailingComma) = cursor.joinedRest()
        return NewsHeadline(
            distributor: distributor,
            storyID: storyID,
            symbols: symbols,
            timestamp: timestamp,
            headline: headline,
            trailingComma: trailingComma
        )
    }
}
