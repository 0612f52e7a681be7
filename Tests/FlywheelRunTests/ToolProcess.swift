import Foundation

/// What one finished `flywheel-run` process left behind.
struct ToolResult: Sendable, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    /// True when the process ended by a signal (`status` is then the signal number).
    var signaled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String
    var seconds: Double

    var output: String { stdout + "\n" + stderr }

    /// The last non-empty line of standard output.
    var lastStdoutLine: String {
        stdout.split(separator: "\n", omittingEmptySubsequences: true).last.map(String.init) ?? ""
    }

    var description: String {
        "flywheel-run \(arguments.joined(separator: " ")) -> \(signaled ? "signal" : "exit") \(status)"
            + (timedOut ? " (timed out)" : "") + " in \(String(format: "%.1f", seconds)) s\n--- stdout\n\(stdout)"
            + "\n--- stderr\n\(stderr)"
    }
}

/// A running `flywheel-run` (or any program), started with `posix_spawn`: both pipes are drained on their own
/// threads so a chatty child never blocks, a thread of its own reaps it with `waitpid` (Foundation's `Process` left
/// zombies unnoticed under the test runner), and `wait` kills it with SIGKILL when it outlives its timeout.
final class ToolProcess: @unchecked Sendable {
    let arguments: [String]
    let pid: pid_t
    private let lock = NSLock()
    private var stdoutData = Data()
    private var stderrData = Data()
    private var exitStatus: Int32?
    private let drained = DispatchGroup()
    private let exited = DispatchSemaphore(value: 0)
    private let started = Date()

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    init(executable: URL, arguments: [String], directory: URL, environment: [String: String]) throws {
        self.arguments = arguments
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            throw SpawnError(description: "pipe failed: errno \(errno)")
        }
        // Close-on-exec: another child started later must not inherit our write ends (our reader would then never see
        // the end of the output). dup2 clears the flag on the child's 1 and 2.
        for descriptor in stdoutPipe + stderrPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner's threads block signals: the child starts with none blocked and default handlers.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // `env -C` changes the directory and execs the program in the same process
        // (posix_spawn_file_actions_addchdir_np is not visible to Swift here).
        let argv = (["/usr/bin/env", "-C", directory.path, executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/usr/bin/env", &actions, &attributes, argv, envp)
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdoutPipe[0])
            close(stderrPipe[0])
            throw SpawnError(description: "posix_spawn \(executable.path) failed: errno \(spawned)")
        }
        pid = child
        let pid = child
        drain(stdoutPipe[0]) { $0.stdoutData.append($1) }
        drain(stderrPipe[0]) { $0.stderrData.append($1) }
        Thread.detachNewThread { [self] in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            lock.lock()
            exitStatus = status
            lock.unlock()
            exited.signal()
        }
    }

    /// Reads `descriptor` to its end, appending as it comes (so what arrived is there even if the end never comes).
    private func drain(_ descriptor: Int32, into append: @escaping @Sendable (ToolProcess, Data) -> Void) {
        drained.enter()
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                lock.lock()
                append(self, Data(buffer[0..<count]))
                lock.unlock()
            }
            close(descriptor)
            drained.leave()
        }
    }

    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return exitStatus == nil
    }

    /// Waits for the end (SIGKILL after `timeout` seconds) and collects both outputs.
    func wait(timeout: Double) -> ToolResult {
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(pid, SIGKILL)
            exited.wait()
        }
        exited.signal()  // later calls return at once
        // A grandchild that kept the pipes open (a server it started) must not hold us up.
        _ = drained.wait(timeout: .now() + 2)
        lock.lock()
        defer { lock.unlock() }
        let status = exitStatus ?? 0
        let signaled = status & 0x7F != 0
        return ToolResult(
            arguments: arguments, status: signaled ? status & 0x7F : (status >> 8) & 0xFF, signaled: signaled,
            timedOut: timedOut, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self), seconds: Date().timeIntervalSince(started))
    }
}
