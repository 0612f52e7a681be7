/// The users of a generated data set and their payments, built up front (a few hundred bytes per user) so that
/// the usage and feedback files can then be streamed month by month without holding events in memory.
struct Population {
    let options: GeneratorOptions
    /// `monthStarts[m]` is the first instant of month m; `monthStarts[months]` is the end of the range.
    let monthStarts: [Int64]
    let enabledCurrencies: Set<Int>
    private(set) var profiles: [UserProfile] = []
    private(set) var payments: [PaymentRecord] = []
    /// Σ over users and months of the unscaled call intensity (for scaling to the requested row count).
    private(set) var weightTotal = 0.0

    static let dormantShare = 0.06
    static let payerBoost = 2.5

    var rangeStart: Int64 { monthStarts[0] }
    var rangeEnd: Int64 { monthStarts[monthStarts.count - 1] }

    init(options: GeneratorOptions) {
        self.options = options
        monthStarts = (0...options.months).map { CivilTime.instant(options.startMonth.adding(months: $0)) }
        var currencies: Set<Int> = [CurrencySpec.usd]
        for code in options.currencies {
            if let index = CurrencySpec.index(of: code) { currencies.insert(index) }
        }
        enabledCurrencies = currencies
        build()
    }

    /// The month index of an instant inside the range.
    func month(of instant: Int64) -> Int {
        var low = 0
        var high = options.months - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if monthStarts[mid] <= instant { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Expected calls of a user in a month before scaling: intensity, more for payers, pro rata in the signup month.
    func weight(_ profile: UserProfile, month m: Int) -> Double {
        let base: Double
        switch profile.states[m] {
        case .free: base = profile.intensity
        case .paid: base = profile.intensity * Population.payerBoost
        case .inactive, .idlePaid: return 0
        }
        let start = monthStarts[m]
        let end = monthStarts[m + 1]
        guard profile.signup > start else { return base }
        return base * Double(end - profile.signup) / Double(end - start)
    }

    private mutating func build() {
        let signups = drawSignups()
        let channelWeights = Demographics.channels.map(\.weight).cumulativeSums()
        let countryWeights = Demographics.countries.map(\.weight).cumulativeSums()
        let meanPayerFactor =
            Demographics.channels.reduce(0.0) { $0 + $1.weight * $1.payerFactor }
            / Demographics.channels.reduce(0.0) { $0 + $1.weight }
        profiles.reserveCapacity(signups.count)
        var scriptedPayers = 0
        var payerAccumulator = 0.0
        var signupRng = Rng(seed: options.seed, 5)
        let payerOffset = signupRng.unit()
        for (index, signup) in signups.enumerated() {
            var rng = Rng(seed: options.seed, 1, UInt64(index))
            let channel = rng.pick(cumulative: channelWeights)
            let country: Int? = rng.chance(0.01) ? nil : rng.pick(cumulative: countryWeights)
            var currency = CurrencySpec.usd
            if let country, enabledCurrencies.contains(Demographics.countries[country].currency) {
                currency = Demographics.countries[country].currency
            }
            let dormant = rng.chance(Population.dormantShare)
            let listed = dormant || !rng.chance(options.unlistedUserShare)
            let intensity = rng.logNormal(median: 1, sigma: 1.3)
            var style = TimeStyle.utc
            let styleRoll = rng.unit()
            if styleRoll < 0.12 {
                style.fraction = .millis
            } else if styleRoll < 0.17 {
                style.fraction = .micros
            }
            if let country, rng.chance(0.15) {
                style.offsetMinutes = Demographics.countries[country].offsetMinutes
            }
            let signupMonth = month(of: signup)
            var states = [UserProfile.MonthState](repeating: .inactive, count: options.months)
            // Free behaviour: active from signup for a geometric number of months, then now and then.
            var lifetime = 0
            let churn = Demographics.channels[channel].monthlyChurn
            while lifetime < options.months && !rng.chance(churn) { lifetime += 1 }
            if !dormant {
                for m in signupMonth..<options.months {
                    let active = m - signupMonth <= lifetime || rng.chance(0.06)
                    states[m] = active ? .free : .inactive
                }
            }
            var isPayer = false
            // Systematic sampling: the running sum of payer chances crosses an integer once per payer, so the
            // number of payers stays close to the target share even for small populations.
            let payerChance =
                options.payerShare * Demographics.channels[channel].payerFactor / meanPayerFactor
                / (1 - Population.dormantShare)
            let before = payerAccumulator
            if !dormant { payerAccumulator += payerChance }
            let becomesPayer =
                !dormant
                && (before + payerOffset).rounded(.down)
                    < (payerAccumulator + payerOffset)
                    .rounded(.down)
            if becomesPayer {
                // The earliest payers play the scripted histories (converting within days, so there is room for
                // the story), so every data set shows each case.
                let scenarios = PayerTimeline.Scenario.allCases
                let scenario = scriptedPayers < scenarios.count ? scenarios[scriptedPayers] : nil
                scriptedPayers += 1
                var delay = Int64(
                    scenario != nil || rng.chance(0.55)
                        ? rng.uniform(0.02, 3) * Double(CivilTime.microsPerDay)
                        : rng.exponential(mean: 40) * Double(CivilTime.microsPerDay))
                if signup + delay >= rangeEnd { delay = rng.below(rangeEnd - signup) }
                var timeline = PayerTimeline(
                    user: index, currency: currency, rangeEnd: rangeEnd, rng: Rng(seed: options.seed, 3, UInt64(index)))
                timeline.build(conversion: signup + delay, scenario: scenario)
                payments.append(contentsOf: timeline.records)
                isPayer = !timeline.paidSpans.isEmpty
                markPaid(&states, spans: timeline.paidSpans, signupMonth: signupMonth, rng: &rng)
            }
            let profile = UserProfile(
                index: index, signup: signup, channel: channel, country: country, currency: currency, listed: listed,
                signupAsDate: Demographics.channels[channel].name == "partner" && rng.chance(0.3),
                intensity: intensity, style: style, emptyZeroCache: rng.chance(0.2),
                mood: rng.normal() * 0.5, feedbackPropensity: rng.logNormal(median: 0.08, sigma: 0.8),
                states: states, isPayer: isPayer)
            for m in 0..<options.months { weightTotal += weight(profile, month: m) }
            profiles.append(profile)
        }
    }

    /// Months touched by a paid span are paid (active, rarely idle); after the last one, users drift off.
    private func markPaid(
        _ states: inout [UserProfile.MonthState], spans: [(start: Int64, end: Int64)], signupMonth: Int,
        rng: inout Rng
    ) {
        guard !spans.isEmpty else { return }
        var paid = [Bool](repeating: false, count: options.months)
        var lastPaid = -1
        for span in spans where span.start < rangeEnd {
            let first = month(of: max(span.start, rangeStart))
            let last = month(of: min(span.end - 1, rangeEnd - 1))
            for m in first...last {
                paid[m] = true
                lastPaid = max(lastPaid, m)
            }
        }
        for m in signupMonth..<options.months {
            if paid[m] {
                states[m] = rng.chance(0.94) ? .paid : .idlePaid
            } else if m > lastPaid && lastPaid >= 0 {
                states[m] = rng.chance(0.4) ? .free : .inactive
            }
        }
    }

    /// Signup instants in ascending order; later months get more signups (a growing product), the first month
    /// a launch bump.
    private func drawSignups() -> [Int64] {
        var rng = Rng(seed: options.seed, 0)
        let weights = (0..<options.months).map { m in
            (m == 0 ? 1.6 : 1.0) * pow112(m)
        }.cumulativeSums()
        var signups = (0..<options.users).map { _ -> Int64 in
            let m = rng.pick(cumulative: weights)
            return monthStarts[m] + rng.below(monthStarts[m + 1] - monthStarts[m])
        }
        signups.sort()
        return signups
    }

    private func pow112(_ m: Int) -> Double {
        var value = 1.0
        for _ in 0..<m { value *= 1.12 }
        return value
    }
}
