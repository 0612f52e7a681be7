import ArgumentParser

/// The exit codes of SPEC 6.
enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    case usage = 2
    case dataWarnings = 3
    case locked = 4

    var exitCode: ExitCode { ExitCode(rawValue) }
}
