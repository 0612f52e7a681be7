import CPostgres
import Foundation

extension Connection {
    /// Runs one statement with bound parameters (text format) and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresBindable)?] = []) throws(PostgresError) -> [Row] {
        try withResult(sql, parameters) { result in
            let rowCount = Int(PQntuples(result))
            let columnCount = Int(PQnfields(result))
            let index = ColumnIndex(
                names: (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
            )
            var rows: [Row] = []
            rows.reserveCapacity(rowCount)
            for rowNumber in 0..<rowCount {
                var values: [String?] = []
                values.reserveCapacity(columnCount)
                for column in 0..<columnCount {
                    if PQgetisnull(result, Int32(rowNumber), Int32(column)) == 1 {
                        values.append(nil)
                    } else {
                        values.append(String(cString: PQgetvalue(result, Int32(rowNumber), Int32(column))))
                    }
                }
                rows.append(Row(columns: index, values: values))
            }
            return rows
        }
    }

    /// Runs one statement with bound parameters and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresBindable)?]) throws(PostgresError) -> Int {
        try withResult(sql, parameters) { result in
            Int(String(cString: PQcmdTuples(result))) ?? 0
        }
    }

    /// Runs a script of one or more statements without parameters (simple query protocol), e.g. a migration.
    public func execute(_ script: String) throws(PostgresError) {
        let result = PQexec(handle, script)
        defer { PQclear(result) }
        try check(result, statement: script)
    }

    /// The first column of the first row, decoded (nil when there is no row or it is NULL).
    public func scalar<T: PostgresDecodable>(
        _ type: T.Type, _ sql: String, _ parameters: [(any PostgresBindable)?] = []
    ) throws(PostgresError) -> T? {
        guard let row = try query(sql, parameters).first, let text = row[0] else { return nil }
        return try T(postgresText: text)
    }

    /// Quotes an identifier with `PQescapeIdentifier` (callers still allowlist what they build SQL from).
    public func quoteIdentifier(_ identifier: String) throws(PostgresError) -> String {
        guard let escaped = PQescapeIdentifier(handle, identifier, identifier.utf8.count) else {
            throw PostgresError(kind: .client, message: lastErrorMessage)
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("begin")
        do {
            let value = try body()
            try execute("commit")
            return value
        } catch {
            // A broken connection cannot roll back; the server discards the transaction anyway.
            if isOpen { try? execute("rollback") }
            throw error
        }
    }

    /// Tries to take a session-level advisory lock; false when another session holds it.
    public func tryAdvisoryLock(_ key: Int64) throws(PostgresError) -> Bool {
        try scalar(Bool.self, "select pg_try_advisory_lock($1::bigint)", [key]) ?? false
    }

    /// Releases a session-level advisory lock taken with `tryAdvisoryLock`.
    public func advisoryUnlock(_ key: Int64) throws(PostgresError) {
        try query("select pg_advisory_unlock($1::bigint)", [key])
    }

    func withResult<T>(
        _ sql: String, _ parameters: [(any PostgresBindable)?], _ body: (OpaquePointer) throws(PostgresError) -> T
    ) throws(PostgresError) -> T {
        let texts = parameters.map { $0?.postgresText }
        let duplicated = texts.map { $0.map { strdup($0) } ?? nil }
        defer { duplicated.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = duplicated.map { $0.map { UnsafePointer($0) } }
        let result = pointers.withUnsafeBufferPointer { buffer in
            PQexecParams(handle, sql, Int32(texts.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, statement: sql)
        return try body(result!)
    }

    func check(_ result: OpaquePointer?, statement: String) throws(PostgresError) {
        guard let result else {
            throw PostgresError(kind: .client, message: lastErrorMessage, statement: statement)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            var error = PostgresError.fromResult(result, connection: handle, statement: statement)
            error.message = Connection.scrub(error.message, secrets: secrets)
            throw error
        }
    }
}
