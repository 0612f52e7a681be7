import Foundation

/// Where the PostgreSQL server programs (initdb, pg_ctl, postgres) are: `pg_config --bindir`, then `PATH`, then
/// `/usr/lib/postgresql/<newest>/bin`.
struct PostgresBinaries {
    let directory: String

    func tool(_ name: String) -> String { directory + "/" + name }

    static func locate() throws -> PostgresBinaries {
        var candidates: [String] = []
        if let bindir = pgConfigBindir() { candidates.append(bindir) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        candidates += path.split(separator: ":").map(String.init)
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            let sorted = versions.compactMap { Int($0) }.sorted(by: >)
            candidates += sorted.map { "/usr/lib/postgresql/\($0)/bin" }
        }
        for directory in candidates {
            let initdb = directory + "/initdb"
            let pgctl = directory + "/pg_ctl"
            if FileManager.default.isExecutableFile(atPath: initdb), FileManager.default.isExecutableFile(atPath: pgctl)
            {
                // Resolve symlinks (e.g. /usr/local/bin/pg_ctl) so sibling programs are found next to them.
                let real = URL(fileURLWithPath: pgctl).resolvingSymlinksInPath().deletingLastPathComponent().path
                return PostgresBinaries(directory: real)
            }
        }
        throw EmbeddedClusterError(
            "no PostgreSQL server programs found (initdb, pg_ctl): install them, e.g. `apt-get install postgresql` "
                + "on Debian/Ubuntu, or configure database_url to use an existing PostgreSQL 14+")
    }

    static func pgConfigBindir() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pg_config", "--bindir"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The unprivileged account that runs the embedded server when flywheel-run runs as root.
struct ServerUser {
    let name: String
    let uid: uid_t
    let gid: gid_t

    static func resolve() throws -> ServerUser {
        for name in ["postgres"] {
            if let entry = getpwnam(name) {
                return ServerUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
            }
        }
        throw EmbeddedClusterError(
            "running as root: the embedded PostgreSQL must run as an unprivileged user, and no `postgres` user "
                + "exists (installing the postgresql package creates it, or run flywheel-run as a normal user)")
    }

    /// The server user needs to traverse every parent folder of the data directory.
    static func checkReachable(_ directory: URL, by user: ServerUser) throws {
        var current = directory.deletingLastPathComponent()
        while current.path != "/" {
            var info = stat()
            if stat(current.path, &info) == 0 {
                let traversable =
                    (info.st_mode & S_IXOTH) != 0 || (info.st_uid == user.uid && (info.st_mode & S_IXUSR) != 0)
                    || (info.st_gid == user.gid && (info.st_mode & S_IXGRP) != 0)
                guard traversable else {
                    throw EmbeddedClusterError(
                        "running as root, the embedded PostgreSQL runs as user \(user.name), which cannot enter "
                            + "\(current.path): allow it (chmod o+x \(current.path)) or set data_dir elsewhere")
                }
            }
            current = current.deletingLastPathComponent()
        }
    }
}
