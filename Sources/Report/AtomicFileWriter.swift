import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces a file so that readers see the old bytes or the new, never a mix: the bytes go to a hidden
/// temporary file in the same directory (same file system, so `rename` is atomic), are flushed with `fsync`,
/// and the temporary file is renamed over the target; then the directory is synced so the rename survives a
/// crash. On any failure the temporary file is removed and the previous file is left as it was.
public struct AtomicFileWriter: Sendable {
    /// Permissions of new files (before the umask).
    public var mode: mode_t

    public init(mode: mode_t = 0o644) {
        self.mode = mode
    }

    public func write(_ data: Data, to url: URL) throws {
        let target = url.path
        let directory = url.deletingLastPathComponent().path
        // A leading dot and a `.tmp` suffix: the ingest never reads such files, and it is clearly not a report.
        let temporary = directory + "/." + url.lastPathComponent + "." + UUID().uuidString + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Self.failure("create", temporary) }
        var closed = false
        do {
            try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < buffer.count {
                    let written = Self.systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw Self.failure("write", temporary)
                    }
                    offset += written
                }
            }
            guard fsync(descriptor) == 0 else { throw Self.failure("flush", temporary) }
            closed = true
            guard close(descriptor) == 0 else { throw Self.failure("close", temporary) }
            guard rename(temporary, target) == 0 else { throw Self.failure("replace", target) }
        } catch {
            if !closed { _ = close(descriptor) }
            _ = unlink(temporary)
            throw error
        }
        Self.syncDirectory(directory)
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Darwin)
            return Darwin.write(descriptor, pointer, count)
        #elseif canImport(Musl)
            return Musl.write(descriptor, pointer, count)
        #else
            return Glibc.write(descriptor, pointer, count)
        #endif
    }

    /// Best effort: some file systems refuse to fsync a directory, and the file itself is already safe.
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    private static func failure(_ operation: String, _ path: String) -> ReportError {
        .io(operation: operation, path: path, reason: String(cString: strerror(errno)))
    }
}
