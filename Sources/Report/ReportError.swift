import Foundation

/// Why a report could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case encoding(String)
    /// A system call failed: what was being done, the path, and `strerror`.
    case io(operation: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .encoding(let message): return message
        case .io(let operation, let path, let reason): return "cannot \(operation) \(path): \(reason)"
        }
    }
}
