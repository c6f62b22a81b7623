extension ScenarioJSONReport {
    /// The keys of `faults` and `random_schedule` entries.
    enum FaultKeys: String, CodingKey {
        case kind, label, parameters, line, transitions, error
        case atSeconds = "at_s"
        case atEvent = "at_event"
        case forSeconds = "for_s"
        case startedSeconds = "started_s"
        case endedSeconds = "ended_s"
        case recoverySeconds = "recovery_s"
        case recoveryDetail = "recovery_detail"
    }

    /// A fault as planned: one of `random_schedule`, and the first half of a `faults` entry.
    struct PlannedFault: Encodable, Sendable {
        let kind: String
        let label: String
        let atSeconds: Double?
        let atEvent: Int64?
        let forSeconds: Double
        let parameters: [String: ParameterValue]
        let line: Int?

        /// The plan of `spec`; `label` defaults to its kind and parameters.
        init(_ spec: FaultSpec, label: String? = nil) {
            kind = spec.kind.rawValue
            self.label = label ?? ReportFormat.label(spec)
            switch spec.start {
            case .at(let offset):
                atSeconds = ReportFormat.seconds(offset)
                atEvent = nil
            case .atEvent(let seq):
                atSeconds = nil
                atEvent = seq
            }
            forSeconds = ReportFormat.seconds(spec.length)
            parameters = spec.parameters.mapValues(ParameterValue.init)
            line = spec.line
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: FaultKeys.self)
            try encode(into: &container)
        }

        /// Writes the plan's keys, `null` for a start it does not have.
        func encode(into container: inout KeyedEncodingContainer<FaultKeys>) throws {
            try container.encode(kind, forKey: .kind)
            try container.encode(label, forKey: .label)
            try container.encode(atSeconds, forKey: .atSeconds)
            try container.encode(atEvent, forKey: .atEvent)
            try container.encode(forSeconds, forKey: .forSeconds)
            try container.encode(parameters, forKey: .parameters)
            try container.encode(line, forKey: .line)
        }
    }

    /// One of `faults`: the plan and what happened.
    struct Fault: Encodable, Sendable {
        let plan: PlannedFault
        let startedSeconds: Double?
        let endedSeconds: Double?
        let recoverySeconds: Double?
        let recoveryDetail: String
        let transitions: [String]
        let error: String?

        init(_ record: FaultRecord) {
            plan = PlannedFault(record.spec, label: record.label)
            startedSeconds = record.startedSeconds
            endedSeconds = record.endedSeconds
            recoverySeconds = record.recoverySeconds
            recoveryDetail = record.recoveryDetail
            transitions = record.transitions
            error = record.error
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: FaultKeys.self)
            try plan.encode(into: &container)
            try container.encode(startedSeconds, forKey: .startedSeconds)
            try container.encode(endedSeconds, forKey: .endedSeconds)
            try container.encode(recoverySeconds, forKey: .recoverySeconds)
            try container.encode(recoveryDetail, forKey: .recoveryDetail)
            try container.encode(transitions, forKey: .transitions)
            try container.encode(error, forKey: .error)
        }
    }

    /// A fault parameter: a number, or text (durations as written, `200ms`).
    enum ParameterValue: Encodable, Sendable {
        case number(Double)
        case text(String)

        init(_ value: FaultSpec.Value) {
            switch value {
            case .number(let number): self = .number(number)
            case .duration, .text: self = .text(ReportFormat.value(value))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }
}
