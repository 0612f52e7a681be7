/// The payment history of one paying user: subscriptions that renew, upgrade (a second, overlapping charge),
/// downgrade at renewal, get cancelled (charges stop) and sometimes reactivated after a gap, one-time credit
/// packs, and full or partial refunds. Built once per payer from that user's own random stream.
struct PayerTimeline {
    /// A history forced on the first payers of a data set, so that even a small sample shows every case.
    enum Scenario: CaseIterable, Sendable {
        case upgrade, cancelAndReactivate, downgrade, fullRefund, partialRefund, annual, quarterly, credits
    }

    let user: Int
    let currency: Int
    let rangeEnd: Int64
    var rng: Rng
    private(set) var records: [PaymentRecord] = []
    /// Service spans that count as paid (charges not fully refunded); one-time charges give a one-second span.
    private(set) var paidSpans: [(start: Int64, end: Int64)] = []
    private var chargeCount = 0
    /// Whether the scenario's decision point (the end of the first subscription period) has passed.
    private var renewalSeen = false
    private var refundCount = 0

    init(user: Int, currency: Int, rangeEnd: Int64, rng: Rng) {
        self.user = user
        self.currency = currency
        self.rangeEnd = rangeEnd
        self.rng = rng
    }

    private static let day = CivilTime.microsPerDay
    private static let hour = CivilTime.microsPerHour

    private var scenario: Scenario?

    mutating func build(conversion: Int64, scenario: Scenario? = nil) {
        self.scenario = scenario
        switch scenario {
        case .upgrade?, .cancelAndReactivate?, .fullRefund?, .partialRefund?:
            buildSubscription(plan: .pro, from: conversion)
            return
        case .downgrade?:
            buildSubscription(plan: .team, from: conversion)
            return
        case .annual?:
            buildSubscription(plan: .proAnnual, from: conversion)
            return
        case .quarterly?:
            buildSubscription(plan: .proQuarterly, from: conversion)
            return
        case .credits?:
            buildCreditsOnly(from: conversion)
            return
        case nil:
            break
        }
        let roll = rng.unit()
        if roll < 0.18 {
            buildCreditsOnly(from: conversion)
            return
        }
        let plan: PlanSpec
        switch roll {
        case ..<0.68: plan = .pro
        case ..<0.83: plan = .team
        case ..<0.95: plan = .proAnnual
        default: plan = .proQuarterly
        }
        buildSubscription(plan: plan, from: conversion)
    }

    private mutating func amountStyle() -> PaymentRecord.AmountStyle {
        if CurrencySpec.all[currency].writesMinor { return .minor }
        return rng.chance(0.2) ? .trimmed : .full
    }

    /// Appends a charge and maybe a refund of it; returns false when it was fully refunded (voided).
    private mutating func charge(
        at occurredAt: Int64, plan: PlanSpec, periodStart: Int64? = nil, periodEnd: Int64? = nil,
        span: (Int64, Int64)
    ) -> Bool {
        chargeCount += 1
        let amount = plan.prices[currency]
        records.append(
            PaymentRecord(
                user: user, sequence: chargeCount, isRefund: false, occurredAt: occurredAt, amountMinor: amount,
                currency: currency, plan: plan.name, interval: plan.interval, periodStart: periodStart,
                periodEnd: periodEnd, refundOf: nil, amountStyle: amountStyle()))
        var roll = rng.unit()
        if chargeCount == 1 && scenario == .fullRefund { roll = 0 }
        if chargeCount == 1 && scenario == .partialRefund { roll = 0.04 }
        let refundAt = occurredAt + Int64(rng.uniform(1, 24 * 8)) * PayerTimeline.hour + rng.below(PayerTimeline.hour)
        if roll < 0.025 && refundAt < rangeEnd {
            refund(of: chargeCount, amount: amount, at: refundAt)
            return false
        }
        if roll < 0.055 && refundAt < rangeEnd {
            // A partial refund: 20–60 % of the charge in whole minor units.
            let part = max(1, amount * Int64(20 + rng.below(41)) / 100)
            refund(of: chargeCount, amount: part, at: refundAt)
        }
        paidSpans.append((span.0, span.1))
        return true
    }

    private mutating func refund(of sequence: Int, amount: Int64, at occurredAt: Int64) {
        refundCount += 1
        records.append(
            PaymentRecord(
                user: user, sequence: refundCount, isRefund: true, occurredAt: occurredAt, amountMinor: amount,
                currency: currency, plan: nil, interval: nil, periodStart: nil, periodEnd: nil, refundOf: sequence,
                amountStyle: amountStyle()))
    }

    private mutating func buyCredits(at occurredAt: Int64) {
        let pack = PlanSpec.creditPacks[rng.below(PlanSpec.creditPacks.count)]
        _ = charge(at: occurredAt, plan: pack, span: (occurredAt, occurredAt + CivilTime.microsPerSecond))
    }

    private mutating func buildCreditsOnly(from start: Int64) {
        var t = start
        var purchases = 0
        while t < rangeEnd && purchases < 6 {
            buyCredits(at: t)
            purchases += 1
            t += Int64(rng.exponential(mean: 35) * Double(PayerTimeline.day)) + rng.below(PayerTimeline.day)
        }
    }

    private mutating func buildSubscription(plan initial: PlanSpec, from start: Int64) {
        var plan = initial
        var s = start
        var renewal = false
        while s < rangeEnd {
            let e = CivilTime.addMonths(s, plan.interval.months)
            // Renewals are billed a little after the period starts and then name the period explicitly; other
            // charges rely on the defaults (period starts at occurred_at).
            var occurredAt = s
            var periodStart: Int64?
            var periodEnd: Int64?
            if renewal && rng.chance(0.5) {
                let delay = rng.below(3 * PayerTimeline.hour)
                if s + delay < rangeEnd { occurredAt = s + delay }
                periodStart = s
                periodEnd = e
            } else if plan.interval == .year && rng.chance(0.5) {
                periodStart = s
                periodEnd = e
            }
            let kept = charge(at: occurredAt, plan: plan, periodStart: periodStart, periodEnd: periodEnd, span: (s, e))
            if !kept && scenario != .fullRefund && rng.chance(0.7) { return }  // asked for the money back and left
            if rng.chance(0.05) {
                let at = s + rng.below(e - s)
                if at < rangeEnd { buyCredits(at: at) }
            }
            renewal = true
            // The scenario decides at the end of the first period; otherwise chance does.
            let forced = renewalSeen ? nil : scenario
            renewalSeen = true
            if plan.name == PlanSpec.pro.name && (forced == .upgrade || (forced == nil && rng.chance(0.1))) {
                // Upgrade mid-period: a team charge starting now, while the pro period runs out (overlap).
                let upgradeAt = s + Int64(Double(e - s) * rng.uniform(0.15, 0.85))
                if upgradeAt >= rangeEnd { return }
                plan = .team
                s = upgradeAt
                renewal = false
                continue
            }
            if plan.name == PlanSpec.team.name && (forced == .downgrade || (forced == nil && rng.chance(0.1))) {
                plan = .pro  // downgrade at renewal
            }
            let cancelChance = plan.interval == .month ? 0.07 : 0.3
            if forced == .cancelAndReactivate || (forced == nil && rng.chance(cancelChance)) {
                guard forced == .cancelAndReactivate || rng.chance(0.35) else { return }
                // Reactivation after a gap of three weeks to three months, usually on pro.
                let gapDays = forced == nil ? rng.uniform(21, 95) : rng.uniform(21, 40)
                s = e + Int64(gapDays * Double(PayerTimeline.day)) + rng.below(PayerTimeline.day)
                plan = rng.chance(0.8) ? .pro : .team
                renewal = false
                continue
            }
            s = e
        }
    }
}
