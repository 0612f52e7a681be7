import Foundation

/// The event files, streamed month by month: `usage-YYYY-MM.csv` and `feedback-YYYY-MM.jsonl`. Each (user,
/// month) has its own random stream, so nothing but the current user's calls is held in memory.
extension SyntheticDataGenerator {
    /// One usage row as generated (kept only for the few rows re-sent in the next month's file).
    struct Call {
        var sequence = 0
        var user = 0
        var time: Int64 = 0
        var feature = 0
        var model = 0
        var input: Int64 = 0
        var output: Int64 = 0
        var cached: Int64 = 0
        var emptyZeroCache = false
        /// Provided cost in millionths of `costCurrency`; nil leaves `cost` empty.
        var cost: Int64?
        /// "" leaves `cost_currency` empty (USD by default).
        var costCurrency = ""
        var style = TimeStyle.utc
    }

    private static let jitterSigma = 0.35
    private static let maxCallsPerUserMonth = 50_000
    private static let usageHeader =
        "event_id,user_id,occurred_at,feature,model,input_tokens,output_tokens,cached_input_tokens,cost,cost_currency"

    func writeMonths(to directory: URL, population: Population) throws -> [GeneratorSummary.File] {
        // Expected rows = Σ weight × scale × E[jitter]; choose the scale that makes it the target.
        let jitterMean = Foundation.exp(SyntheticDataGenerator.jitterSigma * SyntheticDataGenerator.jitterSigma / 2)
        let scale =
            population.weightTotal > 0
            ? Double(options.targetUsageRows) / (population.weightTotal * jitterMean) : 0
        let featureNames = FeatureSpec.all.map { Array($0.name.utf8) }
        let modelNames = ModelSpec.all.map { Array($0.name.utf8) }
        let modelPicks = FeatureSpec.all.map { $0.models.map(\.1).cumulativeSums() }
        let changeDay = SyntheticDataGenerator.priceChangeDay(population: population)
        let width = SyntheticDataGenerator.userIdWidth(users: options.users)
        var files: [GeneratorSummary.File] = []
        var resend: [Call] = []
        var times: [Int64] = []
        var calls: [Call] = []
        var weights = [Double](repeating: 0, count: FeatureSpec.all.count)
        var taste = weights
        for m in 0..<options.months {
            let label = monthLabel(m)
            let compact = compactMonthLabel(m)
            let usageName = "usage-\(label).csv"
            let feedbackName = "feedback-\(label).jsonl"
            let usage = try ByteWriter(url: directory.appendingPathComponent(usageName))
            let feedback = try ByteWriter(url: directory.appendingPathComponent(feedbackName))
            usage.text(SyntheticDataGenerator.usageHeader)
            usage.endLine()
            var usageRows = 0
            var feedbackRows = 0
            for var call in resend {
                call.style = TimeStyle(fraction: call.style.fraction, offsetMinutes: 0, explicitZeroOffset: true)
                // A re-sent row keeps its id, which names the month it was first sent in.
                writeUsageRow(
                    call, to: usage, month: compactMonthLabel(m - 1), width: width, featureNames: featureNames,
                    modelNames: modelNames)
                usageRows += 1
            }
            resend.removeAll()
            var nextLast: [Call] = []
            let monthStart = population.monthStarts[m]
            let monthEnd = population.monthStarts[m + 1]
            var sequence = 0
            var feedbackSequence = 0
            for profile in population.profiles where profile.isActive(month: m) {
                var rng = Rng(seed: options.seed, 2, UInt64(profile.index), UInt64(m))
                let lambda =
                    population.weight(profile, month: m) * scale
                    * rng.logNormal(median: 1, sigma: SyntheticDataGenerator.jitterSigma)
                let count = min(Int(lambda + rng.unit()), SyntheticDataGenerator.maxCallsPerUserMonth)
                guard count > 0 else { continue }
                let low = max(monthStart, profile.signup + CivilTime.microsPerSecond)
                guard low < monthEnd else { continue }
                times.removeAll(keepingCapacity: true)
                for _ in 0..<count { times.append(low + rng.below(monthEnd - low)) }
                times.sort()
                let paid = profile.states[m] == .paid
                profile.taste(seed: options.seed, into: &taste)
                var total = 0.0
                for f in 0..<weights.count {
                    let spec = FeatureSpec.all[f]
                    total += taste[f] * (paid ? spec.payerWeight : spec.freeWeight)
                    weights[f] = total
                }
                calls.removeAll(keepingCapacity: true)
                for time in times {
                    sequence += 1
                    var call = Call()
                    call.sequence = sequence
                    call.user = profile.index
                    call.time = time
                    call.feature = rng.pick(cumulative: weights)
                    let spec = FeatureSpec.all[call.feature]
                    call.model = spec.models[rng.pick(cumulative: modelPicks[call.feature])].0
                    call.input = max(
                        1,
                        min(
                            Int64(rng.logNormal(median: spec.inputMedian, sigma: spec.inputSigma)),
                            2_000_000))
                    call.output = max(
                        1,
                        min(
                            Int64(rng.logNormal(median: spec.outputMedian, sigma: spec.outputSigma)),
                            200_000))
                    if rng.chance(spec.cacheProbability) {
                        call.cached = Int64(Double(call.input) * rng.uniform(0.2, 0.95))
                    }
                    call.emptyZeroCache = profile.emptyZeroCache
                    call.style = profile.style
                    if rng.chance(0.002) {
                        providedCost(&call, rng: &rng, changeDay: changeDay, population: population)
                    }
                    writeUsageRow(
                        call, to: usage, month: compact, width: width, featureNames: featureNames,
                        modelNames: modelNames)
                    calls.append(call)
                }
                usageRows += calls.count
                if options.resentUsageRows > 0 {
                    nextLast.append(contentsOf: calls.suffix(options.resentUsageRows))
                    if nextLast.count > options.resentUsageRows {
                        nextLast.removeFirst(nextLast.count - options.resentUsageRows)
                    }
                }
                feedbackRows += writeFeedback(
                    profile: profile, calls: calls, paid: paid, monthEnd: monthEnd, rng: &rng, to: feedback,
                    month: compact, width: width, sequence: &feedbackSequence)
            }
            if m + 1 < options.months { resend = nextLast }
            let usageBytes = try usage.finish()
            let feedbackBytes = try feedback.finish()
            files.append(GeneratorSummary.File(name: usageName, kind: "usage", rows: usageRows, bytes: usageBytes))
            files.append(
                GeneratorSummary.File(name: feedbackName, kind: "feedback", rows: feedbackRows, bytes: feedbackBytes))
        }
        return files
    }

    /// A cost reported by the provider instead of computed from the price table: the list price ±3 %, in EUR
    /// when EUR is enabled (most of the time), else USD, sometimes with an empty currency (USD by default).
    private func providedCost(_ call: inout Call, rng: inout Rng, changeDay: Int64, population: Population) {
        let model = ModelSpec.all[call.model]
        let price =
            CivilTime.dayNumber(call.time) >= changeDay ? (model.newPrice ?? model.price) : model.price
        let micros =
            Double(
                (call.input - call.cached) * price.input + call.cached * price.effectiveCachedInput
                    + call.output * price.output) / 1_000_000
        let listed = micros * rng.uniform(0.97, 1.03)
        let roll = rng.unit()
        if roll < 0.6 && population.enabledCurrencies.contains(CurrencySpec.eur) {
            call.cost = Int64((listed * 1_000_000 / Double(CurrencySpec.all[CurrencySpec.eur].startRate)).rounded())
            call.costCurrency = "EUR"
        } else {
            call.cost = Int64(listed.rounded())
            call.costCurrency = roll < 0.85 ? "USD" : ""
        }
    }

    private func writeUsageRow(
        _ call: Call, to out: ByteWriter, month: [UInt8], width: Int, featureNames: [[UInt8]], modelNames: [[UInt8]]
    ) {
        out.text("ev-")
        out.bytes(month)
        out.byte(UInt8(ascii: "-"))
        out.padded(call.sequence, width: 7)
        out.text(",u-")
        out.padded(call.user + 1, width: width)
        out.byte(44)
        out.timestamp(call.time, style: call.style)
        out.byte(44)
        out.bytes(featureNames[call.feature])
        out.byte(44)
        out.bytes(modelNames[call.model])
        out.byte(44)
        out.int(call.input)
        out.byte(44)
        out.int(call.output)
        out.byte(44)
        if call.cached > 0 || !call.emptyZeroCache { out.int(call.cached) }
        out.byte(44)
        if let cost = call.cost {
            out.decimal(cost, scale: 6)
            out.byte(44)
            out.text(call.costCurrency)
        } else {
            out.byte(44)
        }
        out.endLine()
    }

    /// Feedback of one user in one month about calls it made: payers give it more often. Ratings follow the
    /// feature's quality and the user's mood; some are thumbs (`up`/`down`), a few numbers are sent as strings.
    private func writeFeedback(
        profile: UserProfile, calls: [Call], paid: Bool, monthEnd: Int64, rng: inout Rng, to out: ByteWriter,
        month: [UInt8], width: Int, sequence: inout Int
    ) -> Int {
        let chance = min(0.9, profile.feedbackPropensity * (paid ? 4 : 1) * (1 + 0.1 * Double(min(calls.count, 20))))
        guard rng.chance(chance) else { return 0 }
        var count = 1
        while count < min(calls.count, 8) && rng.chance(0.4) { count += 1 }
        var picks = (0..<count).map { _ in rng.below(calls.count) }
        picks.sort()
        for pick in picks {
            let call = calls[pick]
            var time = call.time + CivilTime.microsPerSecond * Int64(5 + rng.below(7_200))
            if time >= monthEnd { time = call.time }
            let spec = FeatureSpec.all[call.feature]
            let raw = spec.quality + profile.mood + 0.9 * rng.normal()
            let rating = max(1, min(5, Int(raw.rounded())))
            sequence += 1
            out.text("{\"event_id\":\"fb-")
            out.bytes(month)
            out.byte(UInt8(ascii: "-"))
            out.padded(sequence, width: 6)
            out.text("\",\"user_id\":\"u-")
            out.padded(call.user + 1, width: width)
            out.text("\",\"occurred_at\":\"")
            out.timestamp(time, style: profile.style)
            out.text("\",\"feature\":\"")
            out.text(spec.name)
            out.text("\",\"rating\":")
            let form = rng.unit()
            if form < 0.12 {
                out.text(rating >= 4 ? "\"up\"" : "\"down\"")
            } else if form < 0.17 {
                out.byte(34)
                out.int(rating)
                out.byte(34)
            } else {
                out.int(rating)
            }
            let comment = rng.unit()
            if comment < 0.3 {
                out.text(",\"comment\":")
                out.jsonString(FeedbackComments.pick(rating: rating, rng: &rng))
            } else if comment < 0.4 {
                out.text(",\"comment\":null")
            }
            out.byte(UInt8(ascii: "}"))
            out.endLine()
        }
        return count
    }
}
