import Foundation
import Postgres

/// The throwaway databases of the database suites. Only the server named by `FLYWHEEL_TEST_DATABASE_URL` is used;
/// every suite works in databases of its own, created here and dropped afterwards.
public enum TestDatabase {
    /// The admin connection string from `FLYWHEEL_TEST_DATABASE_URL`.
    public static var adminConninfo: String? {
        ProcessInfo.processInfo.environment["FLYWHEEL_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Database suites run when the URL is set, and always under CI (where a missing URL must fail, not skip).
    public static var isAvailable: Bool {
        if adminConninfo != nil { return true }
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        FileHandle.standardError.write(
            Data(
                "note: FLYWHEEL_TEST_DATABASE_URL is not set: database suites are skipped (scripts/test sets it)\n".utf8
            ))
        return false
    }

    public struct MissingURL: Error, CustomStringConvertible {
        public var description: String { "FLYWHEEL_TEST_DATABASE_URL is not set (CI must provide it)" }
    }

    /// Creates an empty database, runs `body` with its connection string, and drops it afterwards.
    public static func withDatabase<T>(_ body: (String) throws -> T) throws -> T {
        guard let admin = adminConninfo else { throw MissingURL() }
        let name = "flywheel_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let adminConnection = try Connection(conninfo: admin)
        let quoted = try adminConnection.quoteIdentifier(String(name))
        try adminConnection.execute("create database \(quoted)")
        defer {
            try? adminConnection.execute("drop database if exists \(quoted) with (force)")
        }
        return try body(ConnectionString.replacingDatabase(in: admin, with: String(name)))
    }

    /// Like `withDatabase`, with an open connection to the new database.
    public static func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        try withDatabase { conninfo in
            let connection = try Connection(conninfo: conninfo)
            return try body(connection)
        }
    }
}
