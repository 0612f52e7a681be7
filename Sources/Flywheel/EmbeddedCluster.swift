import Foundation
import Logging

/// The private PostgreSQL cluster under `<data_dir>/postgres`, used when no database is configured.
///
/// It listens on a Unix socket in that folder only (no TCP). Commands that use it hold a shared `flock` on
/// `users.lock` while they work; start and stop decisions are made under an exclusive `flock` on `cluster.lock`, so
/// two commands at once neither double-start nor stop it under each other. A cluster started implicitly is stopped
/// by the last command using it; one started with `db start` stays up until `db stop`.
/// initdb and postgres refuse to run as root: as root the cluster runs as the unprivileged `postgres` user (the
/// Debian package creates it), which must be able to reach the folder.
public final class EmbeddedCluster {
    public let directory: URL
    let logger: Logger
    var usersLockDescriptor: Int32 = -1
    var startedImplicitly = false

    public init(directory: String, logger: Logger = Logger(label: "flywheel.db")) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL
        self.logger = logger
    }

    var dataDirectory: URL { directory.appendingPathComponent("data") }
    var socketDirectory: URL { directory }
    static let port = 5432
    static let superuser = "flywheel"
    static let database = "flywheel"

    /// The libpq connection string of the running cluster.
    public var conninfo: String {
        "host=\(socketDirectory.path) port=\(EmbeddedCluster.port) user=\(EmbeddedCluster.superuser) "
            + "dbname=\(EmbeddedCluster.database)"
    }

    /// Starts the cluster if needed (creating it on first use) and registers this process as a user of it.
    /// `persistent`: started by `db start`, so it stays up after the command ends.
    public func acquire(persistent: Bool = false) throws {
        try withClusterLock {
            let running = try isRunning()
            if !running {
                try createIfNeeded()
                try start()
                if !persistent { try Data().write(to: directory.appendingPathComponent("auto-started")) }
            }
            if persistent { try? FileManager.default.removeItem(at: directory.appendingPathComponent("auto-started")) }
            usersLockDescriptor = open(directory.appendingPathComponent("users.lock").path, O_CREAT | O_RDWR, 0o600)
            guard usersLockDescriptor >= 0, flock(usersLockDescriptor, LOCK_SH) == 0 else {
                throw EmbeddedClusterError("cannot lock \(directory.path)/users.lock")
            }
        }
    }

    /// Unregisters this process; stops an implicitly started cluster when no other command uses it.
    public func release() {
        guard usersLockDescriptor >= 0 else { return }
        try? withClusterLock {
            flock(usersLockDescriptor, LOCK_UN)
            let stillUsed = flock(usersLockDescriptor, LOCK_EX | LOCK_NB) != 0
            defer {
                flock(usersLockDescriptor, LOCK_UN)
                close(usersLockDescriptor)
                usersLockDescriptor = -1
            }
            let autoMarker = directory.appendingPathComponent("auto-started")
            if !stillUsed, FileManager.default.fileExists(atPath: autoMarker.path) {
                try stop()
                try? FileManager.default.removeItem(at: autoMarker)
            }
        }
    }

    /// `db stop`: stops the cluster whoever started it.
    public func stopNow() throws {
        try withClusterLock {
            if try isRunning() { try stop() }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("auto-started"))
        }
    }

    public func isRunning() throws -> Bool {
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else {
            return false
        }
        let binaries = try PostgresBinaries.locate()
        return try run(binaries.tool("pg_ctl"), ["status", "-D", dataDirectory.path], quiet: true) == 0
    }

    func withClusterLock<T>(_ body: () throws -> T) throws -> T {
        try prepareDirectory()
        let descriptor = open(directory.appendingPathComponent("cluster.lock").path, O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else { throw EmbeddedClusterError("cannot open \(directory.path)/cluster.lock") }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw EmbeddedClusterError("cannot lock the embedded cluster") }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    func prepareDirectory() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The socket path must fit in sun_path (107 bytes).
        let socketPath = socketDirectory.appendingPathComponent(".s.PGSQL.\(EmbeddedCluster.port)").path
        guard socketPath.utf8.count <= 107 else {
            throw EmbeddedClusterError(
                "data_dir is too deep for a Unix socket path (\(socketPath.utf8.count) > 107 bytes): "
                    + "set data_dir to a shorter path")
        }
        // Trust authentication on the socket: only the owner may reach the folder.
        chmod(directory.path, 0o700)
        if geteuid() == 0 {
            let owner = try ServerUser.resolve()
            chown(directory.path, owner.uid, owner.gid)
            try ServerUser.checkReachable(directory, by: owner)
        }
    }

    func createIfNeeded() throws {
        if FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) { return }
        let binaries = try PostgresBinaries.locate()
        logger.info("creating the embedded PostgreSQL cluster in \(dataDirectory.path)")
        try? FileManager.default.removeItem(at: dataDirectory)
        let status = try run(
            binaries.tool("initdb"),
            [
                "-D", dataDirectory.path, "-U", EmbeddedCluster.superuser, "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-instructions",
            ], quiet: true)
        guard status == 0 else {
            throw EmbeddedClusterError("initdb failed (exit \(status)); see the messages above")
        }
        try start()
        defer { try? stop() }
        let created = try run(
            binaries.tool("createdb"),
            [
                "-h", socketDirectory.path, "-p", "\(EmbeddedCluster.port)", "-U", EmbeddedCluster.superuser,
                EmbeddedCluster.database,
            ], quiet: false)
        guard created == 0 else { throw EmbeddedClusterError("createdb failed (exit \(created))") }
    }

    func start() throws {
        let binaries = try PostgresBinaries.locate()
        let options =
            "-c listen_addresses='' -k \(socketDirectory.path) -p \(EmbeddedCluster.port) -c max_connections=50"
        logger.debug("starting the embedded PostgreSQL cluster")
        let status = try run(
            binaries.tool("pg_ctl"),
            [
                "start", "-w", "-t", "60", "-D", dataDirectory.path, "-l",
                directory.appendingPathComponent("server.log").path,
                "-o", options,
            ], quiet: true)
        guard status == 0 else {
            throw EmbeddedClusterError(
                "the embedded PostgreSQL did not start (pg_ctl exit \(status)); see \(directory.path)/server.log")
        }
    }

    func stop() throws {
        let binaries = try PostgresBinaries.locate()
        logger.debug("stopping the embedded PostgreSQL cluster")
        _ = try run(binaries.tool("pg_ctl"), ["stop", "-w", "-m", "fast", "-D", dataDirectory.path], quiet: true)
    }

    /// Runs a server tool, as the unprivileged server user when we are root.
    func run(_ tool: String, _ arguments: [String], quiet: Bool) throws -> Int32 {
        if geteuid() == 0 {
            let owner = try ServerUser.resolve()
            let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
            guard let runuser else { throw EmbeddedClusterError("running as root needs runuser (util-linux)") }
            // `env -C`: the server user may not be allowed into our working directory (e.g. /root).
            return try ChildProcess.run(
                [runuser, "-u", owner.name, "--", "/usr/bin/env", "-C", directory.path, tool] + arguments, quiet: quiet)
        }
        return try ChildProcess.run([tool] + arguments, quiet: quiet)
    }
}

public struct EmbeddedClusterError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
