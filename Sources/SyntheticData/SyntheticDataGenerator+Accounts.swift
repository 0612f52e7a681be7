import Foundation

/// The account files: users and payments.
extension SyntheticDataGenerator {
    func writeUsers(to directory: URL, population: Population) throws -> GeneratorSummary.File {
        let name = "users.csv"
        let out = try ByteWriter(url: directory.appendingPathComponent(name))
        out.text("user_id,signed_up_at,channel,country")
        out.endLine()
        let width = SyntheticDataGenerator.userIdWidth(users: options.users)
        var rows = 0
        for profile in population.profiles where profile.listed {
            out.text("u-")
            out.padded(profile.index + 1, width: width)
            out.byte(44)
            if profile.signupAsDate {
                out.date(days: CivilTime.dayNumber(profile.signup))
            } else {
                out.timestamp(profile.signup, style: .utc)
            }
            out.byte(44)
            out.text(Demographics.channels[profile.channel].name)
            out.byte(44)
            if let country = profile.country { out.text(Demographics.countries[country].code) }
            out.endLine()
            rows += 1
        }
        let bytes = try out.finish()
        return GeneratorSummary.File(name: name, kind: "users", rows: rows, bytes: bytes)
    }

    /// `payments.csv` in time order. Ids: `ch-<user>-<n>` for charges, `rf-<user>-<n>` for refunds.
    func writePayments(to directory: URL, population: Population) throws -> GeneratorSummary.File {
        let name = "payments.csv"
        let out = try ByteWriter(url: directory.appendingPathComponent(name))
        out.text(
            "payment_id,user_id,occurred_at,kind,amount,amount_minor,currency,plan,interval,period_start,period_end,"
                + "refund_of")
        out.endLine()
        let width = SyntheticDataGenerator.userIdWidth(users: options.users)
        let records = population.payments.sorted { a, b in
            if a.occurredAt != b.occurredAt { return a.occurredAt < b.occurredAt }
            if a.user != b.user { return a.user < b.user }
            if a.isRefund != b.isRefund { return !a.isRefund }
            return a.sequence < b.sequence
        }
        func paymentId(_ refund: Bool, user: Int, sequence: Int) {
            out.text(refund ? "rf-" : "ch-")
            out.padded(user + 1, width: width)
            out.byte(UInt8(ascii: "-"))
            out.padded(sequence, width: 2)
        }
        for record in records {
            let currency = CurrencySpec.all[record.currency]
            paymentId(record.isRefund, user: record.user, sequence: record.sequence)
            out.text(",u-")
            out.padded(record.user + 1, width: width)
            out.byte(44)
            out.timestamp(record.occurredAt, style: .utc)
            out.text(record.isRefund ? ",refund," : ",charge,")
            switch record.amountStyle {
            case .full: out.decimal(record.amountMinor, scale: currency.exponent)
            case .trimmed: out.decimal(record.amountMinor, scale: currency.exponent, trim: true)
            case .minor: break
            }
            out.byte(44)
            if record.amountStyle == .minor { out.int(record.amountMinor) }
            out.byte(44)
            out.text(currency.code)
            out.byte(44)
            if let plan = record.plan { out.text(plan) }
            out.byte(44)
            if let interval = record.interval { out.text(interval.rawValue) }
            out.byte(44)
            if let start = record.periodStart { out.timestamp(start, style: .utc) }
            out.byte(44)
            if let end = record.periodEnd { out.timestamp(end, style: .utc) }
            out.byte(44)
            if let charge = record.refundOf { paymentId(false, user: record.user, sequence: charge) }
            out.endLine()
        }
        let bytes = try out.finish()
        return GeneratorSummary.File(name: name, kind: "payments", rows: records.count, bytes: bytes)
    }
}
