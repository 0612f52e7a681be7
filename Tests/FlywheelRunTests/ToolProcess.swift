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

/// A running `flywheel-run` (or any program): both pipes are drained on their own threads so a chatty child never
/// blocks, and `wait` kills it with SIGKILL when it outlives its timeout.
final class ToolProcess: @unchecked Sendable {
    let arguments: [String]
    private let process = Process()
    private let lock = NSLock()
    private var stdoutData = Data()
    private var stderrData = Data()
    private let drained = DispatchGroup()
    private let exited = DispatchSemaphore(value: 0)
    private let started = Date()

    init(executable: URL, arguments: [String], directory: URL, environment: [String: String]) throws {
        self.arguments = arguments
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        drain(outPipe.fileHandleForReading) { self.stdoutData.append($0) }
        drain(errPipe.fileHandleForReading) { self.stderrData.append($0) }
    }

    private func drain(_ handle: FileHandle, into append: @escaping @Sendable (Data) -> Void) {
        drained.enter()
        let lock = self.lock
        let group = drained
        Thread.detachNewThread {
            let data = handle.readDataToEndOfFile()
            lock.lock()
            append(data)
            lock.unlock()
            group.leave()
        }
    }

    var pid: Int32 { process.processIdentifier }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    var isRunning: Bool { process.isRunning }

    /// Waits for the end (SIGKILL after `timeout` seconds) and collects both outputs.
    func wait(timeout: Double) -> ToolResult {
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        process.waitUntilExit()
        _ = drained.wait(timeout: .now() + 10)
        lock.lock()
        defer { lock.unlock() }
        return ToolResult(
            arguments: arguments, status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
            stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: stderrData, as: UTF8.self),
            seconds: Date().timeIntervalSince(started))
    }
}
