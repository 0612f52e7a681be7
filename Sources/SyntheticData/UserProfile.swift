/// Everything about one user that stays fixed across months: who they are, how much and what they use, how
/// they write timestamps, and (per month) whether they are inactive, an active free user, or a payer.
struct UserProfile: Sendable {
    enum MonthState: UInt8, Sendable {
        case inactive = 0
        case free = 1
        case paid = 2
        /// Paying but making no calls (idle revenue).
        case idlePaid = 3
    }

    /// 0-based position (users are numbered in signup order); the id is `u-` + (index + 1).
    let index: Int
    let signup: Int64
    let channel: Int
    /// Index into `Demographics.countries`; nil leaves `country` empty.
    let country: Int?
    let currency: Int
    /// false: the user is missing from `users.csv` (signup month inferred from events).
    let listed: Bool
    /// Signup written as a bare date (a partner import), not a timestamp.
    let signupAsDate: Bool
    let intensity: Double
    let style: TimeStyle
    /// Zero cached tokens written as an empty field (the loader's default) rather than `0`.
    let emptyZeroCache: Bool
    /// Shifts ratings up or down.
    let mood: Double
    let feedbackPropensity: Double
    var states: [MonthState]
    var isPayer: Bool

    /// Personal multipliers of feature popularity, drawn from the user's own stream when needed rather than stored
    /// (a profile stays small, so a million users fit in memory easily).
    func taste(seed: UInt64, into weights: inout [Double]) {
        var rng = Rng(seed: seed, 6, UInt64(index))
        for f in weights.indices { weights[f] = rng.logNormal(median: 1, sigma: 0.9) }
    }

    func isActive(month: Int) -> Bool {
        let state = states[month]
        return state == .free || state == .paid
    }
}
