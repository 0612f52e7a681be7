import Foundation

/// Buffered output to one file: bytes collect in a large buffer and go out with `fwrite`. The file is written
/// under `<name>.part` (which the loader never reads) and renamed into place by `finish()`, so an inbox never
/// sees a half-written file.
final class ByteWriter {
    private static let capacity = 1 << 20

    let url: URL
    private let partPath: String
    private var file: UnsafeMutablePointer<FILE>?
    var buffer: [UInt8]
    private(set) var bytesWritten = 0
    private var failed = false

    init(url: URL) throws {
        self.url = url
        partPath = url.path + ".part"
        guard let handle = fopen(partPath, "wb") else {
            throw GeneratorError.io(path: partPath, message: String(cString: strerror(errno)))
        }
        file = handle
        buffer = []
        buffer.reserveCapacity(ByteWriter.capacity + 4096)
    }

    deinit {
        if let file {
            fclose(file)
            unlink(partPath)
        }
    }

    @inline(__always)
    func flushIfFull() {
        if buffer.count >= ByteWriter.capacity { flush() }
    }

    private func flush() {
        guard let file, !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != buffer.count { failed = true }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the file into place; returns the number of bytes written.
    @discardableResult
    func finish() throws -> Int {
        flush()
        guard let handle = file else { return bytesWritten }
        file = nil
        let closed = fclose(handle)
        if failed || closed != 0 {
            unlink(partPath)
            throw GeneratorError.io(path: partPath, message: "write failed")
        }
        if rename(partPath, url.path) != 0 {
            let message = String(cString: strerror(errno))
            unlink(partPath)
            throw GeneratorError.io(path: url.path, message: message)
        }
        return bytesWritten
    }
}
