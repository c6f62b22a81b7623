/// Turns pipeline samples into a 0-100 health score, the bottleneck, alerts with hysteresis and recommendations.
///
/// Call ``evaluate(_:)`` once per ``PipelineSample``, samples one window apart and in time order. The monitor
/// remembers the previous sample's queue depths and backlog, to see them grow (the first sample counts as no
/// growth), and the active alerts.
///
/// ## Figures (``HealthFigures``)
/// - **p99 latency**: the sample's end-to-end p99 when measured, else the sum of the stages' p99 (an upper bound).
/// - **throughput**: events stored per second (by the most downstream reporting stage if storage is not reporting).
/// - **error rate**: the highest stage error rate, `errors / (processed + errors) × 100`.
/// - **backlog**: events in the pipeline not yet stored: the largest of `eventsProduced − eventsStored`, the sum
///   of the stages' queue depths and the consumer lag (they overlap, so they are not added). **Backlog growth**:
///   backlog minus the previous sample's.
/// - **demand**: events per second the pipeline was asked to deliver: arrivals at the first stage (its processed
///   plus errors plus queue growth, over its window) plus the backlog spread over the storage window.
///
/// ## Score
/// `score = 100 − (L + T + E + B)`, rounded to the nearest whole number. Each penalty is linear in its figure and
/// capped, so the score is deterministic and never rises when a figure gets worse; the caps add up to 100, so
/// the score stays within 0-100 and is 100 when healthy or idle.
/// - **L, latency, at most 30**: 0 while p99 ≤ `latency_max_ms`; above it `30 × (p99 − limit) / limit`, the full
///   30 at twice the limit.
/// - **T, throughput, at most 25**: 0 unless the minimum applies, that is demand ≥ `throughput_min_msg_per_sec`,
///   so an idle or finished source never costs anything; then `25 × (1 − throughput / minimum)` below the
///   minimum, the full 25 at a standstill.
/// - **E, errors, at most 25**: 0 while the error rate ≤ `error_rate_max_percent`; above it
///   `25 × (rate − limit) / limit`, the full 25 at twice the limit.
/// - **B, backlog growth, at most 20**: `20 × growth / events stored in the window`, the full 20 when the backlog
///   grows by as much as was stored (input twice the output) or grows while nothing is stored; 0 when it shrinks.
///
/// A limit of 0 makes any excess cost the whole cap.
///
/// ## Bottleneck
/// 1. **Queue.** A stage's queue is building when it holds more events than the stage finished in the window
///    (they wait longer than a window), or grew by more than 1 % of what the stage finished (by any amount while
///    the stage finished nothing). The bottleneck is the most downstream stage whose queue is building: with
///    backpressure a slow stage fills the queues upstream of it too, so the building queue nearest the sink is
///    the one in front of the stage that limits throughput.
/// 2. **Latency.** With no queue building, the stage with the largest p99, the largest share of the stages'
///    summed p99.
/// 3. **Errors.** With no latency recorded either, the stage with the highest error rate.
///
/// Otherwise (healthy and idle) there is none. Ties go to the most downstream stage.
///
/// ## Alerts
/// One alert per ``AlertMetric``: p99 latency above `latency_max_ms`; throughput below
/// `throughput_min_msg_per_sec` while the minimum applies; error rate above `error_rate_max_percent`; score below
/// `health_score_min`. An alert is raised by the first sample that breaches its threshold and cleared by the
/// ``clearAfterSamples``-th consecutive sample within it (default 2), so a value hovering at the threshold does
/// not flap; a breach in between starts the count again. Every raise and clear is a transition of that
/// evaluation; raises are counted in ``raisedCounts``.
public struct HealthMonitor: Sendable {
    /// The thresholds alerts and penalties are measured against; may be changed between evaluations.
    public var thresholds: AlertThresholds
    /// How many consecutive samples within its threshold clear an active alert; at least 1, default 2.
    public let clearAfterSamples: Int
    /// How many times each alert has been raised so far (an alert never raised is absent).
    public private(set) var raisedCounts: [AlertMetric: Int] = [:]

    private var active: [AlertMetric: ActiveAlert] = [:]
    private(set) var previous: Previous?

    /// The active alert and how many consecutive samples have been within its threshold.
    private struct ActiveAlert: Sendable {
        var alert: Alert
        var samplesWithin: Int
    }

    /// What the next evaluation compares with.
    struct Previous: Sendable {
        var queueDepths: [PipelineStage: Int]
        var backlog: Int
    }

    /// A monitor with no history; `clearAfterSamples` below 1 counts as 1.
    public init(thresholds: AlertThresholds = AlertThresholds(), clearAfterSamples: Int = 2) {
        self.thresholds = thresholds
        self.clearAfterSamples = Swift.max(1, clearAfterSamples)
    }

    /// The alerts active now, in ``AlertMetric`` order.
    public var activeAlerts: [Alert] {
        AlertMetric.allCases.compactMap { active[$0]?.alert }
    }

    /// Assesses `sample`: score, bottleneck, alerts (raising and clearing them) and recommendations.
    public mutating func evaluate(_ sample: PipelineSample) -> HealthAssessment {
        let growth = queueGrowth(sample)
        let figures = figures(sample, queueGrowth: growth)
        let storedInWindow = deliveringStage(sample)?.processed ?? 0
        let penalties = penalties(figures, storedInWindow: storedInWindow)
        let score = Swift.min(100, Swift.max(0, Int((100 - penalties.total).rounded())))
        let bottleneck = bottleneck(sample, queueGrowth: growth)
        let transitions = updateAlerts(figures: figures, score: score, time: sample.time)
        let recommendations = recommendations(
            sample: sample,
            figures: figures,
            bottleneck: bottleneck,
            storedInWindow: storedInWindow
        )
        previous = Previous(
            queueDepths: Dictionary(uniqueKeysWithValues: sample.stagesInFlowOrder.map { ($0.stage, $0.queueDepth) }),
            backlog: figures.backlog
        )
        return HealthAssessment(
            time: sample.time,
            score: score,
            penalties: penalties,
            figures: figures,
            bottleneck: bottleneck,
            alerts: activeAlerts,
            transitions: transitions,
            recommendations: recommendations
        )
    }

    /// Each reporting stage's queue growth since the previous sample; 0 for the first sample or a stage that was
    /// not reporting then.
    private func queueGrowth(_ sample: PipelineSample) -> [PipelineStage: Int] {
        var growth: [PipelineStage: Int] = [:]
        for stage in sample.stagesInFlowOrder {
            growth[stage.stage] = previous?.queueDepths[stage.stage].map { stage.queueDepth - $0 } ?? 0
        }
        return growth
    }

    /// Raises alerts whose metric breaches its threshold and clears those within it for long enough.
    private mutating func updateAlerts(figures: HealthFigures, score: Int, time: Duration) -> [AlertTransition] {
        var transitions: [AlertTransition] = []
        for metric in AlertMetric.allCases {
            let (observed, threshold, breached) = reading(metric, figures: figures, score: score)
            if var current = active[metric] {
                current.alert.observed = observed
                current.alert.threshold = threshold
                current.samplesWithin = breached ? 0 : current.samplesWithin + 1
                if current.samplesWithin >= clearAfterSamples {
                    active[metric] = nil
                    transitions.append(
                        AlertTransition(
                            kind: .cleared,
                            metric: metric,
                            threshold: threshold,
                            observed: observed,
                            time: time
                        )
                    )
                } else {
                    active[metric] = current
                }
            } else if breached {
                active[metric] = ActiveAlert(
                    alert: Alert(metric: metric, threshold: threshold, observed: observed, raisedAt: time),
                    samplesWithin: 0
                )
                raisedCounts[metric, default: 0] += 1
                transitions.append(
                    AlertTransition(kind: .raised, metric: metric, threshold: threshold, observed: observed, time: time)
                )
            }
        }
        return transitions
    }

    /// The metric's value, its threshold, and whether the value breaches it.
    private func reading(
        _ metric: AlertMetric,
        figures: HealthFigures,
        score: Int
    )
        -> (observed: Double, threshold: Double, breached: Bool)
    {
        switch metric {
        case .latency:
            let limit = thresholds.latencyMaxMs
            return (figures.latencyP99Ms, limit, figures.latencyP99Ms > limit)
        case .throughput:
            let minimum = thresholds.throughputMinMsgPerSec
            return (figures.throughput, minimum, figures.throughputMinimumApplies && figures.throughput < minimum)
        case .errorRate:
            let limit = thresholds.errorRateMaxPercent
            return (figures.errorRatePercent, limit, figures.errorRatePercent > limit)
        case .healthScore:
            let minimum = Double(thresholds.healthScoreMin)
            return (Double(score), minimum, Double(score) < minimum)
        }
    }
}
