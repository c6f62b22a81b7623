import Foundation
import Pipeline
import Yams

/// Reads a scenario file strictly: every key, fault kind, check and metric must be one the harness knows, and
/// every error names the file, line and column and lists what is valid.
public enum ScenarioParser {
    static let topKeys = [
        "name", "description", "capture", "replay", "pipeline", "faults", "checks", "thresholds", "seed",
    ]

    /// Reads the scenario at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(
                file: path,
                line: nil,
                column: nil,
                message: "cannot read the scenario file (\(error.localizedDescription)); check the path"
            )
        }
        return try parse(text, file: path)
    }

    /// Reads a scenario from `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, line: nil, column: nil, message: "the file is empty")
            }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw ScenarioError(file: file, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
        let top = ScenarioNode(node: root, file: file, path: "")
        let entries = try top.mapping(allowed: topKeys)
        func required(_ key: String) throws(ScenarioError) -> ScenarioNode {
            guard let node = entries[key] else { throw top.error("missing key '\(key)'") }
            return node
        }
        let name = try required("name").string()
        let capture = try required("capture").string()
        let pipeline =
            try entries["pipeline"].map(parsePipeline) ?? (
                kafka: .embedded(brokers: 3, partitions: 6), sink: .sqlite, redis: .managed
            )
        let faults = try entries["faults"].map(parseFaults) ?? (timeline: [], random: nil)
        return Scenario(
            name: name,
            description: try entries["description"]?.string() ?? "",
            capture: capture,
            pace: try entries["replay"].map(parseReplay) ?? .recorded,
            kafka: pipeline.kafka,
            sink: pipeline.sink,
            redis: pipeline.redis,
            faults: faults.timeline,
            random: faults.random,
            checks: try entries["checks"].map { node throws(ScenarioError) in
                try node.sequence().map { item throws(ScenarioError) in try item.choice(CheckKind.self) }
            } ?? [],
            thresholds: try entries["thresholds"].map(parseThresholds) ?? [],
            seed: try entries["seed"].map { node throws(ScenarioError) in
                UInt64(try node.integer(in: 0...Int.max))
            }
        )
    }

    private static func parseReplay(_ node: ScenarioNode) throws(ScenarioError) -> ReplayPace {
        let entries = try node.mapping(allowed: ["speed"])
        guard let speed = entries["speed"] else { return .recorded }
        let text = try speed.string()
        guard let pace = ReplayPace(text) else {
            throw speed.error("'\(text)' is not a pace; valid: \(ReplayPace.choices)")
        }
        return pace
    }

    private static func parsePipeline(
        _ node: ScenarioNode
    ) throws(ScenarioError) -> (kafka: Scenario.Kafka, sink: Scenario.Sink, redis: Scenario.Redis) {
        let entries = try node.mapping(allowed: ["kafka", "sink", "redis"])
        var kafka = Scenario.Kafka.embedded(brokers: 3, partitions: 6)
        if let kafkaNode = entries["kafka"] {
            let settings = try kafkaNode.mapping(allowed: ["brokers", "partitions", "bootstrap_servers"])
            let partitions = try settings["partitions"]?.integer(in: 1...1000) ?? 6
            if let bootstrap = try settings["bootstrap_servers"]?.string() {
                kafka = .external(bootstrapServers: bootstrap, partitions: partitions)
            } else {
                kafka = .embedded(brokers: try settings["brokers"]?.integer(in: 1...9) ?? 3, partitions: partitions)
            }
        }
        var sink = Scenario.Sink.sqlite
        if let sinkNode = entries["sink"] {
            let text = try sinkNode.string()
            if text == "sqlite" {
                sink = .sqlite
            } else if text.hasPrefix("clickhouse"), let address = endpoint(text.dropFirst("clickhouse".count)) {
                sink = .clickhouse(host: address.host, port: address.port)
            } else {
                throw sinkNode.error("unknown sink '\(text)'; valid: sqlite, clickhouse://HOST:PORT")
            }
        }
        var redis = Scenario.Redis.managed
        if let redisNode = entries["redis"] {
            let text = try redisNode.string()
            switch text {
            case "managed": redis = .managed
            case "none": redis = .none
            default:
                guard text.hasPrefix("redis"), let address = endpoint(text.dropFirst("redis".count)) else {
                    throw redisNode.error("unknown redis '\(text)'; valid: managed, none, redis://HOST:PORT")
                }
                redis = .external(host: address.host, port: address.port)
            }
        }
        return (kafka, sink, redis)
    }

    /// `://host:port` → host and port.
    private static func endpoint(_ text: Substring) -> (host: String, port: Int)? {
        guard text.hasPrefix("://"), let colon = text.lastIndex(of: ":"),
            let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        let host = String(text[text.index(text.startIndex, offsetBy: 3)..<colon])
        return host.isEmpty ? nil : (host, port)
    }

    private static func parseFaults(
        _ node: ScenarioNode
    ) throws(ScenarioError) -> (timeline: [FaultSpec], random: RandomFaults?) {
        var timeline: [FaultSpec] = []
        var random: RandomFaults?
        for item in try node.sequence() {
            if let mapping = item.node.mapping, mapping.keys.contains(where: { $0.string == "random" }) {
                let entries = try item.mapping(allowed: ["random"])
                random = try parseRandom(entries["random"]!)
            } else {
                timeline.append(try parseFault(item))
            }
        }
        return (timeline, random)
    }

    private static func parseFault(_ node: ScenarioNode) throws(ScenarioError) -> FaultSpec {
        guard let mapping = node.node.mapping else {
            throw node.error("expected a fault: { kind: ..., at: ..., for: ... }")
        }
        guard let kindNode = mapping.first(where: { $0.key.string == "kind" }) else {
            throw node.error(
                "a fault needs a 'kind'; \(ScenarioError.choices(FaultKind.allCases.map(\.rawValue), for: ""))"
            )
        }
        let kind = try ScenarioNode(node: kindNode.value, file: node.file, path: "\(node.path).kind").choice(
            FaultKind.self
        )
        let own = kind.parameters.map(\.name)
        let entries = try node.mapping(allowed: ["kind", "at", "at_event", "for"] + own)
        let start: FaultSpec.Start
        switch (entries["at"], entries["at_event"]) {
        case (let at?, nil): start = .at(try at.duration())
        case (nil, let event?): start = .atEvent(Int64(try event.integer(in: 1...Int.max)))
        default:
            throw node.error(
                "\(kind.rawValue) needs exactly one of 'at' (a time since the replay started) or 'at_event' (a capture seq)"
            )
        }
        guard let length = entries["for"] else { throw node.error("\(kind.rawValue) needs 'for' (how long it lasts)") }
        var parameters: [String: FaultSpec.Value] = [:]
        for (name, required) in kind.parameters {
            guard let value = entries[name] else {
                if required { throw node.error("\(kind.rawValue) needs '\(name)'") }
                continue
            }
            let text = try value.string()
            let type = FaultKind.parameterType(name)
            switch type {
            case .duration:
                guard let duration = ScenarioDuration.parse(text) else {
                    throw value.error("\(kind.rawValue) '\(name)' must be \(type.rawValue), not '\(text)'")
                }
                parameters[name] = .duration(duration)
            case .count, .number:
                guard let number = Double(text), number >= 0, number <= 1e9,
                    type == .number || number == number.rounded()
                else {
                    throw value.error("\(kind.rawValue) '\(name)' must be \(type.rawValue), not '\(text)'")
                }
                parameters[name] = .number(number)
            case .text:
                parameters[name] = .text(text)
            }
        }
        return FaultSpec(
            kind: kind,
            start: start,
            length: try length.duration(),
            parameters: parameters,
            line: node.node.mark?.line
        )
    }

    private static func parseRandom(_ node: ScenarioNode) throws(ScenarioError) -> RandomFaults {
        let entries = try node.mapping(allowed: ["seed", "count", "kinds", "min_gap"])
        guard let seed = entries["seed"], let count = entries["count"], let kinds = entries["kinds"] else {
            throw node.error("random needs 'seed', 'count' and 'kinds' (and may take 'min_gap')")
        }
        return RandomFaults(
            seed: UInt64(try seed.integer(in: 0...Int.max)),
            count: try count.integer(in: 1...10_000),
            kinds: try kinds.sequence().map { item throws(ScenarioError) in
                let kind = try item.choice(FaultKind.self)
                guard FaultSchedule.drawableKinds.contains(kind) else {
                    throw item.error(
                        "\(kind.rawValue) cannot be drawn at random ("
                            + (kind == .exec ? "it needs commands" : "it breaks a guarantee on purpose")
                            + "); list it as a fault"
                    )
                }
                return kind
            },
            minimumGap: try entries["min_gap"]?.duration() ?? .seconds(1)
        )
    }

    private static func parseThresholds(_ node: ScenarioNode) throws(ScenarioError) -> [Threshold] {
        let entries = try node.mapping(allowed: Threshold.keys)
        return try entries.keys.sorted().map { key throws(ScenarioError) in
            let (metric, window) = Threshold.split(key)
            let conditions = try entries[key]!.sequence().map { item throws(ScenarioError) in
                let text = try item.string()
                guard let condition = Threshold.Condition(text) else {
                    throw item.error(
                        "'\(text)' is not a condition such as \"p99 < 500\"; aggregations: "
                            + Threshold.Aggregation.allCases.map(\.rawValue).joined(separator: ", ")
                            + "; comparisons: " + Threshold.Comparison.allCases.map(\.rawValue).joined(separator: ", ")
                    )
                }
                return condition
            }
            return Threshold(metric: metric, conditions: conditions, window: window)
        }
    }

    private static func yamlError(_ error: YamlError, file: String) -> ScenarioError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ScenarioError(
                file: file,
                line: mark.line,
                column: mark.column,
                message: "not valid YAML: \(problem)"
            )
        default:
            return ScenarioError(file: file, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
    }
}
