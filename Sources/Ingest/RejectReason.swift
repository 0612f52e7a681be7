/// Quarantine reason codes (SPEC 2.3). `conflictingDuplicate` is decided by the database loader.
public enum RejectReason: String, Sendable, CaseIterable {
    case malformedRow = "malformed_row"
    case missingField = "missing_field"
    case badTimestamp = "bad_timestamp"
    case badNumber = "bad_number"
    case outOfRange = "out_of_range"
    case badEnum = "bad_enum"
    case badCurrency = "bad_currency"
    case badText = "bad_text"
    case badEncoding = "bad_encoding"
    case conflictingDuplicate = "conflicting_duplicate"
}
