import CPostgres
import Foundation

/// A blocking connection to PostgreSQL through libpq.
///
/// Deliberately not `Sendable` (as GRDB's database connections): libpq connections must not be used from two
/// threads at once. The handle is always released with `PQfinish`, also when connecting failed.
public final class Connection {
    let handle: OpaquePointer
    /// Values that must never appear in an error message (the password of the conninfo).
    let secrets: [String]

    /// Opens a connection from a URL (`postgresql://…`), a `key=value` conninfo string, or an empty string
    /// (libpq's `PG*` environment variables and defaults).
    public init(conninfo: String) throws(PostgresError) {
        var parseError: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(conninfo, &parseError) {
            PQconninfoFree(options)
        } else {
            let detail = parseError.map { String(cString: $0) } ?? "invalid connection string"
            if let parseError { PQfreemem(parseError) }
            throw PostgresError(
                kind: .invalidConnectionString,
                message: Connection.scrub(
                    detail.trimmingTrailingNewlines(), secrets: Connection.rawURLPasswords(in: conninfo)))
        }
        let secrets = Connection.secrets(in: conninfo)
        // Keepalives come before dbname so a URL's own settings win; a dead client host then releases its
        // session (and the run lock) within minutes, not the kernel's two hours.
        let keywords = [
            "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "dbname",
            "client_encoding", "application_name",
        ]
        let values = ["1", "30", "10", "6", conninfo, "UTF8", "flywheel-run"]
        let handle = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let handle else {
            throw PostgresError(kind: .connectionFailed, message: "out of memory while connecting")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let raw = PQerrorMessage(handle).map { String(cString: $0) } ?? "connection failed"
            PQfinish(handle)
            throw PostgresError(
                kind: .connectionFailed,
                message: Connection.scrub(raw.trimmingTrailingNewlines(), secrets: secrets)
            )
        }
        self.handle = handle
        self.secrets = secrets
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try execute("set datestyle to 'ISO, YMD'; set intervalstyle to 'iso_8601'; set extra_float_digits to 3")
        if serverVersion >= 140000 {
            // A killed client's statement is cancelled within seconds instead of running on holding its locks.
            try execute("set client_connection_check_interval = '2s'")
        }
    }

    deinit {
        PQfinish(handle)
    }

    /// The server's major.minor version number, e.g. 150018 for 15.18.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// True while the connection is usable.
    public var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The backend process id (for `pg_terminate_backend` in tests and diagnostics).
    public var backendPID: Int32 { PQbackendPID(handle) }

    static func secrets(in conninfo: String) -> [String] {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            if let errorMessage { PQfreemem(errorMessage) }
            return []
        }
        defer { PQconninfoFree(options) }
        var found: [String] = rawURLPasswords(in: conninfo)
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val {
                let password = String(cString: value)
                if !password.isEmpty { found.append(password) }
            }
            option += 1
        }
        return found
    }

    /// Removes known secrets, and the password of any `postgres(ql)://user:password@` URL, from a message.
    static func scrub(_ text: String, secrets: [String]) -> String {
        var scrubbed = secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "********") }
        for password in rawURLPasswords(in: scrubbed) {
            scrubbed = scrubbed.replacingOccurrences(of: ":" + password + "@", with: ":********@")
        }
        return scrubbed
    }

    /// The password parts (as written, possibly percent-encoded) of URLs in `text`.
    static func rawURLPasswords(in text: String) -> [String] {
        var passwords: [String] = []
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            let afterScheme = rest[scheme.upperBound...]
            let authorityEnd =
                afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == " " }) ?? afterScheme.endIndex
            let authority = afterScheme[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let password = authority[authority.index(after: colon)..<at]
                if !password.isEmpty { passwords.append(String(password)) }
            }
            rest = afterScheme
        }
        return passwords
    }

    /// libpq's current error message, with secrets removed.
    var lastErrorMessage: String {
        let raw = PQerrorMessage(handle).map { String(cString: $0) } ?? "unknown error"
        return Connection.scrub(raw.trimmingTrailingNewlines(), secrets: secrets)
    }
}

@available(*, unavailable, message: "libpq connections must not be shared between threads")
extension Connection: Sendable {}

/// Calls `body` with a NULL-terminated array of C strings that live for the duration of the call.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicated = strings.map { strdup($0) }
    defer { duplicated.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = duplicated.map { UnsafePointer($0) }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
