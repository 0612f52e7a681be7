import ArgumentParser
import Flywheel
import Foundation
import Postgres

/// Runs a command body and turns what it throws into a message on stderr and the exit status of SPEC 6.
enum CommandRunner {
    static func run(_ body: () throws -> ExitStatus) throws {
        let status: ExitStatus
        do {
            status = try body()
        } catch let failure as CommandFailure {
            report(failure.description)
            status = failure.status
        } catch let error as ConfigurationError {
            report("configuration error: \(error.description)")
            status = .usage
        } catch let error as PostgresError where error.kind == .invalidConnectionString {
            report("configuration error: the database URL cannot be parsed: \(error)")
            status = .usage
        } catch let error as PostgresError {
            report(
                error.kind == .connectionFailed
                    ? "cannot connect to the database: \(error)" : "database error: \(error)")
            status = .failure
        } catch {
            report("\(error)")
            status = .failure
        }
        if status != .success { throw status.exitCode }
    }

    static func report(_ message: String) {
        FileHandle.standardError.write(Data("flywheel-run: error: \(message)\n".utf8))
    }
}
