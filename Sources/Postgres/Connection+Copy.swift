import CPostgres

extension Connection {
    /// Runs `COPY … FROM STDIN` and feeds it through `body` (as postgres-nio's `copyFrom`): the writer buffers and
    /// sends large chunks. When `body` throws, the COPY is aborted (`PQputCopyEnd` with a message) and the error is
    /// rethrown; a server error at the end of the COPY is thrown as `PostgresError`. Returns the rows copied.
    @discardableResult
    public func copyIn(
        _ sql: String, flushThreshold: Int = 1 << 20, _ body: (CopyWriter) throws -> Void
    ) throws -> Int {
        let start = PQexec(handle, sql)
        defer { PQclear(start) }
        guard let start, PQresultStatus(start) == PGRES_COPY_IN else {
            try check(start, statement: sql)
            throw PostgresError(kind: .client, message: "statement did not start COPY FROM STDIN", statement: sql)
        }
        let writer = CopyWriter(connection: self, flushThreshold: flushThreshold)
        do {
            try body(writer)
            try writer.flush()
        } catch {
            PQputCopyEnd(handle, "COPY aborted by the client")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            drainResults()
            throw PostgresError(kind: .client, message: lastErrorMessage, statement: sql)
        }
        return try finishCopy(statement: sql)
    }

    /// Runs `COPY … TO STDOUT` and passes each chunk of data to `sink`. Returns the rows copied.
    @discardableResult
    public func copyOut(_ sql: String, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let start = PQexec(handle, sql)
        defer { PQclear(start) }
        guard let start, PQresultStatus(start) == PGRES_COPY_OUT else {
            try check(start, statement: sql)
            throw PostgresError(kind: .client, message: "statement did not start COPY TO STDOUT", statement: sql)
        }
        var sinkError: (any Error)?
        while true {
            var chunk: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &chunk, 0)
            if length > 0, let chunk {
                defer { PQfreemem(chunk) }
                if sinkError == nil {
                    do { try sink(UnsafeRawBufferPointer(start: chunk, count: Int(length))) } catch {
                        sinkError = error
                    }
                }
            } else if length == -1 {
                break
            } else {
                drainResults()
                throw PostgresError(kind: .client, message: lastErrorMessage, statement: sql)
            }
        }
        let count = try finishCopy(statement: sql)
        if let sinkError { throw sinkError }
        return count
    }

    /// Reads the final result of a COPY (always checked) and any that follow.
    private func finishCopy(statement: String) throws(PostgresError) -> Int {
        let result = PQgetResult(handle)
        defer {
            PQclear(result)
            drainResults()
        }
        try check(result, statement: statement)
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    func drainResults() {
        while let result = PQgetResult(handle) { PQclear(result) }
    }
}
