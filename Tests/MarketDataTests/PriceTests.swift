import MarketData
import Testing

@Suite("Price: exact, ordered, written back as read")
struct PriceTests {
    @Test(
        "Text forms survive a round trip",
        arguments: ["2938.", "0.0000", "585.3300", "1.23", "-1.5", "0", "12.12345678"]
    )
    func roundTrip(text: String) throws {
        #expect(try #require(Price(text)).description == text)
    }

    @Test("Equality and ordering ignore how a price was written")
    func exactValue() throws {
        let a = try #require(Price("585.33"))
        let b = try #require(Price("585.3300"))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(a.units == 58_533_000_000)
        #expect(Price("2938.") == Price("2938"))
        #expect(Price("0.0000")!.units == 0)
        #expect(Price("1.01")! < Price("1.1")!)
        #expect(Price("-2")! < Price("-1.99")!)
        #expect(Price("0.00000001")!.units == 1)
        #expect(Price("0.1")!.doubleValue == 0.1)
    }

    @Test("Building for encoding: LOBSTER's 1/10,000 dollars")
    func mantissa() {
        let price = Price(mantissa: 5_853_300, decimals: 4)
        #expect(price.description == "585.3300")
        #expect(price.decimals == 4)
        #expect(price == Price("585.33"))
        #expect(Price(mantissa: -5, decimals: 1).description == "-0.5")
        #expect(Price(mantissa: 7, decimals: 0).description == "7")
    }

    @Test("Not prices", arguments: ["", "abc", "1.2.3", ".5", "-", "01.5", "-0", "-0.00", "1e5", "1.123456789", "+1"])
    func notPrices(text: String) {
        #expect(Price(text) == nil)
    }
}
