import Foundation
import Testing

/// A throwaway folder for one test: the working directory of the processes it starts (so no `flywheel.toml` of the
/// developer is read), with an inbox, a reports folder and a data folder.
struct Workspace {
    let root: URL
    let executable: URL

    var inbox: URL { root.appendingPathComponent("inbox") }
    var reports: URL { root.appendingPathComponent("reports") }
    var dataDir: URL { root.appendingPathComponent("state") }

    /// A new workspace under /tmp (short paths: the embedded cluster's socket path must fit in 107 bytes),
    /// traversable by everybody so the embedded server (run as `postgres` when we are root) can reach it.
    init() throws {
        executable = try #require(FlywheelRunBinary.url, "\(FlywheelRunBinary.notFound)")
        let name = "fwcli-" + UUID().uuidString.prefix(8).lowercased()
        root = URL(fileURLWithPath: "/tmp").appendingPathComponent(name)
        for folder in [root, inbox, reports] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        chmod(root.path, 0o755)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// The environment of the children: ours without anything that names a database or a configuration, so only
    /// the options a test passes count.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys
        where key.hasPrefix("PG") || key.hasPrefix("FLYWHEEL_") || key == "DATABASE_URL" {
            environment.removeValue(forKey: key)
        }
        environment["FLYWHEEL_LOG_LEVEL"] = "info"
        return environment
    }()

    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ToolProcess {
        try ToolProcess(
            executable: executable, arguments: arguments, directory: root,
            environment: Workspace.environment.merging(extra) { $1 })
    }

    /// Runs `flywheel-run` to its end (killed after `timeout` seconds).
    func run(_ arguments: [String], timeout: Double = 120, environment: [String: String] = [:]) throws -> ToolResult {
        let result = try start(arguments, environment: environment).wait(timeout: timeout)
        #expect(!result.timedOut, "timed out: \(result)")
        return result
    }

    /// `flywheel-run run` on this workspace's inbox and reports folder against `conninfo`.
    func runArguments(_ conninfo: String) -> [String] {
        [
            "run", "--database-url", conninfo, "--inbox", inbox.path, "--reports-dir", reports.path,
            "--data-dir", dataDir.path,
        ]
    }

    /// Copies the data files of `folder` (or only `names`) into the inbox.
    func fillInbox(from folder: URL, only names: [String]? = nil) throws {
        let all = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in all.sorted() where names?.contains(name) ?? true {
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent(name), to: inbox.appendingPathComponent(name))
        }
    }

    func write(_ text: String, to name: String, in folder: URL? = nil) throws {
        try Data(text.utf8).write(to: (folder ?? inbox).appendingPathComponent(name))
    }

    func reportFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []).sorted()
    }
}

/// Input sets from `flywheel-run generate`, made once per test process and shared (read-only) by the tests.
enum GeneratedData {
    nonisolated(unsafe) private static var made: [String: URL] = [:]
    private static let lock = NSLock()
    private static let base: URL = {
        // Sets of earlier test processes that are gone are removed first.
        let tmp = URL(fileURLWithPath: "/tmp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        where name.hasPrefix("fwcli-gen-") {
            if let pid = Int32(name.dropFirst("fwcli-gen-".count)), kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
        // And this process's own sets when it ends.
        atexit { try? FileManager.default.removeItem(atPath: "/tmp/fwcli-gen-\(getpid())") }
        return tmp.appendingPathComponent("fwcli-gen-\(getpid())")
    }()

    /// The folder of `generate --users U --months M --seed S [--usage-rows R]`.
    static func folder(users: Int = 200, months: Int = 3, seed: Int = 1, usageRows: Int? = nil) throws -> URL {
        let key = "u\(users)-m\(months)-s\(seed)-r\(usageRows ?? 0)"
        lock.lock()
        defer { lock.unlock() }
        if let url = made[key] { return url }
        let out = base.appendingPathComponent(key)
        try? FileManager.default.removeItem(at: out)
        var arguments = [
            "generate", "--out", out.path, "--users", "\(users)", "--months", "\(months)",
            "--seed", "\(seed)",
        ]
        if let usageRows { arguments += ["--usage-rows", "\(usageRows)"] }
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try workspace.run(arguments, timeout: 120)
        try #require(result.status == 0 && !result.signaled, "generate failed: \(result)")
        made[key] = out
        return out
    }

    /// Data lines (the header excluded) of a CSV file.
    static func csvRows(_ url: URL) throws -> Int {
        let data = try Data(contentsOf: url)
        let newlines = data.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        // A last line without its newline is a row too.
        return newlines - 1 + (data.last == 0x0A || data.isEmpty ? 0 : 1)
    }

    /// The sample set shipped with the package (400 users, 6 months).
    static var sampleData: URL { FlywheelRunBinary.packageRoot.appendingPathComponent("sample-data") }
}
