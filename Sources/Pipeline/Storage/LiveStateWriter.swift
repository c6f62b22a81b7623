import MarketData
import Redis
import SystemSupport

/// Keeps Redis up to date with the latest top of book and features of every symbol (hash `md:top:<symbol>`) and
/// each processor's status (hash `md:status:<processor>`), written once per stored batch with only each symbol's
/// latest values (coalesced), in one pipelined round trip.
///
/// Redis is live state, not the record: when it fails the writer opens its breaker, keeps the latest values of the
/// symbols it could not write, and writes them when Redis is back; the pipeline never waits for it.
public final class LiveStateWriter {
    /// The latest values of one symbol.
    public struct Top: Sendable, Hashable {
        public var seq: Int64
        public var features: Features

        public init(seq: Int64, features: Features) {
            self.seq = seq
            self.features = features
        }
    }

    public let host: String
    public let port: Int
    private let password: String?
    private let breaker: CircuitBreaker
    private let counters: PipelineCounters
    private var connection: RedisConnection?
    private var unwritten: [String: Top] = [:]

    /// A writer for the Redis at `host:port`; it connects on first use.
    public init(host: String, port: Int, password: String?, breaker: CircuitBreaker, counters: PipelineCounters) {
        self.host = host
        self.port = port
        self.password = password
        self.breaker = breaker
        self.counters = counters
    }

    /// Writes `latest` (symbol → values) and `status`, plus whatever an earlier failure left unwritten. Never
    /// throws: a failure is counted, reported to the breaker and retried with the next batch.
    public func write(latest: [String: Top], status: [String: String], processor: String) {
        unwritten.merge(latest) { old, new in new.seq >= old.seq ? new : old }
        guard breaker.allowsRequest(now: .monotonicNow) else { return }
        var commands: [[RedisArgument]] = unwritten.map { symbol, top in Self.command(symbol: symbol, top: top) }
        var statusCommand: [RedisArgument] = ["HSET", "md:status:\(processor)"]
        for (field, value) in status.sorted(by: { $0.key < $1.key }) {
            statusCommand.append(.string(field))
            statusCommand.append(.string(value))
        }
        if status.count > 0 { commands.append(statusCommand) }
        let failure: String?
        do {
            let replies = try connected().pipeline(commands)
            failure =
                replies.lazy.compactMap { reply -> String? in
                    if case .error(let text) = reply {
                        return "Redis \(self.host):\(self.port) refused a write: \(text)"
                    }
                    return nil
                }.first
        } catch {
            connection = nil
            failure = error.description
        }
        if let failure {
            counters.redisErrors.add(1)
            breaker.recordFailure(now: .monotonicNow, reason: failure)
        } else {
            unwritten.removeAll(keepingCapacity: true)
            breaker.recordSuccess(now: .monotonicNow)
        }
    }

    private func connected() throws(RedisError) -> RedisConnection {
        if let connection, !connection.isBroken { return connection }
        let fresh = try RedisConnection(
            host: host,
            port: port,
            connectTimeout: .milliseconds(500),
            commandTimeout: .seconds(1),
            password: password
        )
        connection = fresh
        return fresh
    }

    static func command(symbol: String, top: Top) -> [RedisArgument] {
        let features = top.features
        var command: [RedisArgument] = ["HSET", "md:top:\(symbol)", "seq", "\(top.seq)"]
        func field(_ name: String, _ value: String?) {
            command.append(.string(name))
            command.append(.string(value ?? ""))
        }
        field("bid", features.bestBid.map { "\($0.price)" })
        field("bid_size", features.bestBid.map { "\($0.size)" })
        field("ask", features.bestAsk.map { "\($0.price)" })
        field("ask_size", features.bestAsk.map { "\($0.size)" })
        field("mid", features.mid.map { "\($0)" })
        field("spread", features.spread.map { "\($0)" })
        field("microprice", features.microprice.map { "\($0)" })
        field("imbalance", features.imbalance.map { "\($0)" })
        field("last_price", features.lastTradePrice.map { "\($0)" })
        field("last_size", features.lastTradeSize.map { "\($0)" })
        field("vwap", features.vwap.map { "\($0)" })
        field("trade_count", "\(features.tradeCount)")
        field("volatility", features.realizedVolatility.map { "\($0)" })
        return command
    }
}
