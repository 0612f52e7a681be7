import Postgres

/// Loading a file at least as large as the table it goes into (the first backfill, typically) without maintaining the
/// key index row by row: the primary key is dropped inside the file's transaction, the rows are COPYed, and the key
/// is added back, which builds its index by one sort (PostgreSQL's "remove indexes" bulk-load advice; about a third
/// of the cost of 5M separate index insertions here).
///
/// The key is added back before the file's savepoint is released, so a stored key that the file repeats (which the
/// missing index could not stop during the COPY) fails it with a unique violation, and the file is staged instead,
/// as on the direct path. While the key is gone the table is locked against readers; the lock is only taken when it
/// can be had within `lock_timeout` 2 s, else the index is kept and maintained as usual.
extension FileLoader {
    /// The primary key that was dropped, to add back with `restoreKey`.
    struct DroppedKey {
        let table: String
        let name: String
        let definition: String
    }

    /// Drops the single-column primary key `key` of `table` when the file (estimated `fileRows` rows, at least
    /// `Settings.minRowsForKeyRebuild`) holds at least as many rows as the table, and the lock can be had at once.
    func dropKeyForBulkLoad(table: String, key: String, fileRows: Int) throws -> DroppedKey? {
        guard settings.minRowsForKeyRebuild > 0, fileRows >= settings.minRowsForKeyRebuild else { return nil }
        // Counting stops after fileRows + 1 rows: cheap however large the table is.
        let stored =
            try connection.scalar(
                Int.self, "select count(*) from (select from \(table) limit $1) t", [fileRows + 1]) ?? Int.max
        guard stored <= fileRows else { return nil }
        let keys = try connection.query(
            """
            select c.conname, pg_get_constraintdef(c.oid) as definition
            from pg_constraint c
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
            where c.conrelid = $1::regclass and c.contype = 'p' and cardinality(c.conkey) = 1 and a.attname = $2
            """, [table, key])
        guard let name = keys.first?["conname"], let definition = keys.first?["definition"] else { return nil }
        let quotedName = try connection.quoteIdentifier(name)
        try connection.execute("savepoint drop_key")
        do {
            try connection.execute("set local lock_timeout = '2s'")
            try connection.execute("alter table \(table) drop constraint \(quotedName)")
            try connection.execute("set local lock_timeout to default")
            try connection.execute("release savepoint drop_key")
        } catch {
            if error.isConnectionLoss { throw error }
            // Locked by a reader, or something depends on the key (a foreign key, a view grouping by it).
            logger.debug("keeping the key index of \(table): \(error)")
            try connection.execute("rollback to savepoint drop_key")
            try connection.execute("release savepoint drop_key")
            return nil
        }
        return DroppedKey(table: table, name: name, definition: definition)
    }

    /// Adds the dropped key back (one index build); a duplicate key fails with a unique violation (23505).
    func restoreKey(_ dropped: DroppedKey) throws {
        try connection.execute("set local maintenance_work_mem = '256MB'")
        let quotedName = try connection.quoteIdentifier(dropped.name)
        try connection.execute("alter table \(dropped.table) add constraint \(quotedName) \(dropped.definition)")
        try connection.execute("set local maintenance_work_mem to default")
    }
}
