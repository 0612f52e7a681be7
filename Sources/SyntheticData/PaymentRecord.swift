/// One payments row before it is written: a charge or a refund of one user.
struct PaymentRecord: Sendable {
    enum AmountStyle: Sendable {
        /// `amount` with all fraction digits ("20.00").
        case full
        /// `amount` with trailing zeros trimmed ("20").
        case trimmed
        /// `amount_minor` (integer minor units).
        case minor
    }

    let user: Int
    /// Per-user sequence number of charges (or of refunds), part of the id.
    let sequence: Int
    let isRefund: Bool
    let occurredAt: Int64
    let amountMinor: Int64
    let currency: Int
    let plan: String?
    let interval: PlanSpec.Interval?
    /// Written only when set; otherwise the loader's defaults apply (start = occurred_at, end = start + interval).
    let periodStart: Int64?
    let periodEnd: Int64?
    /// The sequence number of the refunded charge (same user).
    let refundOf: Int?
    let amountStyle: AmountStyle
}
