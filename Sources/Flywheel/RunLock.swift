import Postgres

/// The PostgreSQL session advisory lock held by every command that changes data (run, ingest, compute, report),
/// so two of them never interleave. Released when the command ends (or its connection dies).
public enum RunLock {
    static let key: Int64 = 0x666C_7977_6865_656C

    public struct Held: Error, CustomStringConvertible {
        public var holderStarted: String?
        public var description: String {
            "another flywheel-run holds the lock"
                + (holderStarted.map { " (its session started at \($0))" } ?? "") + ": nothing was done"
        }
    }

    /// Takes the lock or throws `Held` naming when the holder's session started.
    public static func acquire(_ connection: Connection) throws {
        if try connection.tryAdvisoryLock(key) { return }
        let holder = try connection.scalar(
            String.self,
            """
            select to_char(a.backend_start at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"')
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted
              and ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint
            limit 1
            """, [key])
        throw Held(holderStarted: holder)
    }

    public static func release(_ connection: Connection) {
        try? connection.advisoryUnlock(key)
    }
}
