import MarketData

/// Every server line shown in docs/IQFEED.md, with the port it arrives on, plus a few synthetic lines for message
/// types the document describes without an example (`N`, `8`, `0`, `q`, `O`, `M`, request-id lookup lines).
enum IQFeedExamples {
    static let level1: [String] = [
        "S,KEY,99999",
        "S,SERVER CONNECTED",
        "S,IP,66.112.156.181 60004",
        "S,CUST,real_time,66.112.156.224,60002,73QEupj,4.7.2.0,0,INDEX DTNNEWS RT_TRADER COMTEX ... NYSE APCMB,,500,"
            + "QT_API,,",
        "T,20180709 14:18:31",
        "S,CURRENT PROTOCOL,6.2",
        "E,6.2 is not a valid protocol.,",
        "E,!SYNTAX_ERROR!,",
        "E,!NO_DATA!,,",
        "E,Invalid symbol.,",
        "E,Unauthorized user ID.,",
        "E,Disconnected from server",
        "n,INVALID_SYMBOL_NAME",
        "S,WATCHES,AAPL,MSFT",
        "S,SYMBOL LIMIT REACHED,TSLA",
        "Q,AAPL,322.7500,40,16:53:23.256494,11,37629453,322.6800,100,322.8700,100,312.6000,318.4000,312.1900,"
            + "308.9500,ba,873D17,",
        "P,AAPL,188.3500,52500,19:59:14.503633,19,0,188.2500,100,188.3600,100,,,,187.9700,Cbacv,8801,2,17",
        "R,AAPL,X,1.23,100,13:00:00,1.24,200,13:00:01,0,1,2,",
        "F,MSFT,5,65.6,28624000,97.9500,67.1400",
        "C,SPY,X,,,,619.0500,15000,1296380724,,19,",
        "C,SPY,I,O,07/16/2025,,619.0500,15000,859256116,198944,24,",
        "N,DTN,22581012806,AAPL:MSFT,20240510093000,Apple, Microsoft rise, analysts say,",
    ]

    static let level2: [String] = [
        "S,SERVER CONNECTED",
        "T,20180709 14:18:31",
        "Z,@ES#,MD01,2982.25,2982.5,99,238,12:49:52.696621,2019-10-18,52,12:49:52.541104,T,T,F,",
        "2,@ESM19,MD01,2938.,2938.25,65,23,20:31:04.876740,2019-04-23,52,20:31:04.876740,T,T,F,",
        "5,@ESZ21,648907593934,,A,20:32:47.333543,2021-10-24,",
        "4,SPY,,NSDQ,B,451.4400,300,,4,11:33:27.030724,2022-04-01,",
        "6,QQQ,,AMEX,A,408.8400,100,,4,17:52:38.059128,2022-04-01,",
        "5,TSLA,,CHXE,B,,2022-04-01,",
        "3,@ESM19,12345678,MD01,B,2938.25,65,11,2,20:31:04.876740,2019-04-23,",
        "0,@ESM19,12345679,,A,2938.50,3,12,2,20:31:04.876741,2019-04-23,",
        "7,@ESM19,B,2938.25,65,11,2,20:31:04.876740,2019-04-23,",
        "8,@ESM19,A,2938.50,20,4,2,20:31:04.876800,2019-04-23,",
        "9,@ESM19,A,2938.25,20:31:04.876740,2019-04-23,",
        "S,CLEAR DEPTH,@ESZ22,B,",
        "S,CLEAR DEPTH,@ESZ22,A,",
        "E,INVALID_SYMBOL_NAME",
        "n,@ESZ99",
        "q,@ESZ22,",
        "O,@ESZ22,MD01,2938.25,",
        "M,NSDQ,Nasdaq Execution Services, LLC",
    ]

    static let lookup: [String] = [
        "S,CURRENT PROTOCOL,6.2",
        "XYZ,LH,2018-04-17 17:51:22.123456,96.0700,1061909,0,0.0000,0.0000,4145784264,O,19,143A,2,17",
        "LH,2023-05-26,111.1100,111.1000,111.1000,111.1000,111111,0,",
        "LH,2024-05-10 05:32:00,184.7600,184.7500,184.7500,184.7600,32048,250,0,",
        "!ENDMSG!,",
        "H_0000000155,!ENDMSG!,",
        "E,Unauthorized user ID.,",
        "H_0000000156,E,!NO_DATA!,",
        "E,!SYNTAX_ERROR!,",
    ]

    static let admin: [String] = [
        "S,STATS,66.112.156.227,60003,500,1,8,0,0,0,Apr 01 6:48PM,Apr 01 08:49PM,Connected,6.2.0.15,497214,3.24,0.04,"
            + "0.05,50.27,1.34,0.72,",
        "S,STATS,,,0,0,1,0,0,0,,,Not Connected,6.2.0.25,\"490914\",0,0.0,0.0,0.08,0.08,0.08,",
        "S,CURRENT PROTOCOL,6.0,",
        "S,REGISTER CLIENT APP COMPLETED",
        "S,CURRENT LOGINID,497214",
        "S,CURRENT PASSWORD,(3*****2)",
        "S,AUTOCONNECT ON",
        "S,LOGIN INFO SAVED",
        "S,CLIENTSTATS,1,123,recorder1,20240510 093000,2,0,10.5,0.2,0.0,",
    ]

    /// Every example with its port.
    static var all: [(port: FeedPort, line: String)] {
        level1.map { (.level1, $0) } + level2.map { (.level2, $0) } + lookup.map { (.lookup, $0) }
            + admin.map { (.admin, $0) }
    }

    /// Parses one line with a fresh parser.
    static func parse(_ line: String, _ port: FeedPort) -> FeedMessage {
        var parser = FeedParser()
        return parser.parse(line, port: port)
    }
}
