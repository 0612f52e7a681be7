import CPostgres

/// An error reported by libpq or the server. Like postgres-nio's `PSQLError`, its description names the SQLSTATE,
/// the server's message, detail and hint, but never parameter values or connection secrets.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The connection could not be established.
        case connectionFailed
        /// The server reported an error for a statement.
        case server
        /// The connection broke or libpq failed locally.
        case client
        /// A COPY was aborted by the caller's writer.
        case copyAborted
        /// A result value could not be decoded to the requested type.
        case decoding
        /// The connection string itself cannot be parsed (a configuration error, not worth retrying).
        case invalidConnectionString
    }

    public var kind: Kind
    /// Five-character SQLSTATE (e.g. `23505` for a unique violation), when the server sent one.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The SQL text of the failing statement (never its parameter values).
    public var statement: String?

    public init(
        kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
        statement: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.statement = statement
    }

    /// Safe to log: the detail (which quotes key values) is left out, and so is the message of data exceptions
    /// (SQLSTATE class 22), which quotes the offending value.
    public var description: String {
        guard let sqlState else { return message }
        var text = sqlState.hasPrefix("22") ? "invalid data value" : message
        text += " (SQLSTATE \(sqlState))"
        if let hint { text += "; hint: \(hint)" }
        return text
    }

    /// True when the connection itself is gone (the caller may reconnect and retry).
    public var isConnectionLoss: Bool {
        if kind == .connectionFailed || kind == .client { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03"
    }
}

extension PostgresError {
    /// Builds an error from a failed result; the `PGresult` stays owned by the caller.
    static func fromResult(_ result: OpaquePointer?, connection: OpaquePointer?, statement: String?) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let result, let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let primary = field(Int32(FLY_PG_DIAG_MESSAGE_PRIMARY))
        let fallback = connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? "unknown error"
        let sqlState = field(Int32(FLY_PG_DIAG_SQLSTATE))
        return PostgresError(
            kind: sqlState == nil ? .client : .server,
            sqlState: sqlState,
            message: (primary ?? fallback).trimmingTrailingNewlines(),
            detail: field(Int32(FLY_PG_DIAG_MESSAGE_DETAIL)),
            hint: field(Int32(FLY_PG_DIAG_MESSAGE_HINT)),
            statement: statement
        )
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while let last = text.last, last.isNewline || last == " " { text.removeLast() }
        return text
    }
}
