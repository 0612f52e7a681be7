import Foundation

/// Data freshness for one event kind: the newest stored event time.
public struct EventFreshness: Codable, Sendable, Equatable {
    /// `usage`, `feedback` or `payments`.
    public var kind: String
    /// max(`occurred_at`) of that kind; nil when none is stored.
    public var newestEventAt: Date?

    public init(kind: String, newestEventAt: Date?) {
        self.kind = kind
        self.newestEventAt = newestEventAt
    }
}
