import Foundation

/// Buffered output to one file: bytes collect in a large buffer and go out with `fwrite`. The file is written
/// under `<name>.part` (which the loader never reads) and renamed into place by `finish()`, so an inbox never
/// sees a half-written file.
final class ByteWriter {
    /// Flush threshold; the buffer has `slack` more bytes so that one line never needs a check per byte.
    private static let capacity = 1 << 20
    static let slack = 1 << 16

    let url: URL
    private let partPath: String
    private var file: UnsafeMutablePointer<FILE>?
    /// Raw storage rather than an Array: appends are the hot path of the generator, and a plain pointer with an
    /// unchecked count avoids uniqueness and exclusivity checks per byte.
    let base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var count = 0
    private(set) var bytesWritten = 0
    private var failed = false

    init(url: URL) throws {
        self.url = url
        partPath = url.path + ".part"
        guard let handle = fopen(partPath, "wb") else {
            throw GeneratorError.io(path: partPath, message: String(cString: strerror(errno)))
        }
        file = handle
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: ByteWriter.capacity + ByteWriter.slack)
    }

    deinit {
        if let file {
            fclose(file)
            unlink(partPath)
        }
        base.deallocate()
    }

    @inline(__always)
    func flushIfFull() {
        if count >= ByteWriter.capacity { flush() }
    }

    /// Makes room for `bytes` more bytes (for text of unknown length).
    @inline(__always)
    func reserve(_ bytes: Int) {
        if count + bytes > ByteWriter.capacity + ByteWriter.slack - 64 {
            flush()
            precondition(bytes <= ByteWriter.capacity, "a single value of \(bytes) bytes is too long")
        }
    }

    private func flush() {
        guard let file, count > 0 else { return }
        if fwrite(base, 1, count, file) != count { failed = true }
        bytesWritten += count
        count = 0
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
