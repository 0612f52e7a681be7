import Foundation
import Logging

/// The log level, chosen before commands are parsed: `FLYWHEEL_LOG_LEVEL` (trace … critical), default info.
enum LogLevelOption {
    static var current: Logger.Level {
        ProcessInfo.processInfo.environment["FLYWHEEL_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
    }
}
