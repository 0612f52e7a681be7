/// Why generation failed: an option out of range or a file that could not be written.
public enum GeneratorError: Error, Equatable, CustomStringConvertible {
    case invalidOption(String)
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case .invalidOption(let message): return "invalid generator option: \(message)"
        case .io(let path, let message): return "cannot write \(path): \(message)"
        }
    }
}
