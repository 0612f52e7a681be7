import Foundation
import Logging
import Postgres

/// An open connection to the configured database, with the embedded cluster held while it is in use.
public final class DatabaseSession {
    public let connection: Connection
    let cluster: EmbeddedCluster?

    init(connection: Connection, cluster: EmbeddedCluster?) {
        self.connection = connection
        self.cluster = cluster
    }

    /// Connects to the database of `settings`. An external database that does not answer is retried a few times
    /// with exponential backoff and jitter (`retries` extra attempts) before the error is thrown.
    public static func open(
        _ settings: Settings, retries: Int = 3, logger: Logger = Logger(label: "flywheel.db")
    ) throws -> DatabaseSession {
        switch settings.databaseTarget() {
        case .embedded(let directory):
            let cluster = EmbeddedCluster(directory: directory, logger: logger)
            try cluster.acquire()
            do {
                return DatabaseSession(connection: try Connection(conninfo: cluster.conninfo), cluster: cluster)
            } catch {
                cluster.release()
                throw error
            }
        case .external(let conninfo):
            var attempt = 0
            while true {
                let failure: PostgresError
                do {
                    return DatabaseSession(connection: try Connection(conninfo: conninfo), cluster: nil)
                } catch {
                    failure = error
                }
                guard failure.kind == .connectionFailed, attempt < retries else { throw failure }
                attempt += 1
                let delay = 0.5 * pow(2, Double(attempt - 1)) * Double.random(in: 0.75...1.25)
                logger.warning(
                    "database unreachable (attempt \(attempt) of \(retries + 1)), retrying: \(failure.description)")
                Thread.sleep(forTimeInterval: delay)
            }
        }
    }

    /// Releases the embedded cluster (stopping it when this was its last user and it was started implicitly).
    public func close() {
        cluster?.release()
    }

    deinit {
        cluster?.release()
    }
}
