import Foundation

/// SIGINT / SIGTERM ask the run to stop at the next safe point (between files or steps) instead of dying mid-way.
enum StopSignal {
    nonisolated(unsafe) private static var received: sig_atomic_t = 0

    static func install() {
        signal(SIGINT) { _ in StopSignal.received = 1 }
        signal(SIGTERM) { _ in StopSignal.received = 1 }
    }

    static var requested: Bool { received != 0 }
}
