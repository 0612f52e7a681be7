import Flywheel
import Postgres

/// Runs a data-changing command under the run lock; exit 4 when another run holds it.
enum LockedCommand {
    static func withLock(_ connection: Connection, _ body: () throws -> ExitStatus) throws -> ExitStatus {
        do {
            try RunLock.acquire(connection)
        } catch let held as RunLock.Held {
            throw CommandFailure(.locked, held.description)
        }
        defer { RunLock.release(connection) }
        return try body()
    }
}
