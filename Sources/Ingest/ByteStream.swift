import CZlib
import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The decoded bytes of one input file, read in chunks: plain or gzip (streaming inflate), hashing the
/// file's raw bytes (SHA-256) as they are read. Memory is bounded by the chunk size.
final class ByteStream {
    private enum Raw {
        case file(Int32)
        case memory([UInt8], Int)
    }

    let fileName: String
    private var raw: Raw
    private var hasher = SHA256()
    private var digest: SHA256.Digest?
    private var rawEOF = false
    private var inflater: GzipInflater?
    private(set) var rawBytesRead: Int64 = 0

    init(path: String, gzip: Bool, chunkBytes: Int) throws(IngestError) {
        fileName = path
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw .io(fileName: path, detail: "cannot open: \(String(cString: strerror(errno)))") }
        raw = .file(fd)
        if gzip { inflater = GzipInflater(inputCapacity: chunkBytes) }
    }

    init(bytes: [UInt8], fileName: String, gzip: Bool, chunkBytes: Int) {
        self.fileName = fileName
        raw = .memory(bytes, 0)
        if gzip { inflater = GzipInflater(inputCapacity: chunkBytes) }
    }

    deinit {
        if case .file(let fd) = raw { close(fd) }
    }

    /// The raw size of the input (0 when unknown), for sizing structures by the file.
    var rawSize: Int64 {
        switch raw {
        case .file(let fd):
            var info = stat()
            return fstat(fd, &info) == 0 ? Int64(info.st_size) : 0
        case .memory(let bytes, _):
            return Int64(bytes.count)
        }
    }

    /// SHA-256 of the raw bytes (hex), available once the stream has been read to its end.
    var sha256Hex: String? {
        digest.map { $0.map { hexDigits[Int($0 >> 4)] + hexDigits[Int($0 & 15)] }.joined() }
    }

    /// Reads raw bytes, hashing them; 0 at the end of the file.
    private func readRaw(_ dst: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        if rawEOF || dst.count == 0 { return 0 }
        var n = 0
        switch raw {
        case .file(let fd):
            while true {
                n = Glibc.read(fd, dst.baseAddress, dst.count)
                if n >= 0 { break }
                if errno == EINTR { continue }
                throw .io(fileName: fileName, detail: "read failed: \(String(cString: strerror(errno)))")
            }
        case .memory(let bytes, let offset):
            n = min(dst.count, bytes.count - offset)
            if n > 0 {
                bytes.withUnsafeBytes { src in
                    dst.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
                }
            }
            raw = .memory(bytes, offset + n)
        }
        if n == 0 {
            rawEOF = true
            digest = hasher.finalize()
            return 0
        }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: dst[0..<n]))
        rawBytesRead += Int64(n)
        return n
    }

    /// Fills `dst` with decoded bytes (at least one unless the stream is finished); 0 at the end.
    func read(_ dst: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard let inflater else { return try readRaw(dst) }
        while true {
            if inflater.needsInput && !rawEOF {
                let n = try readRaw(inflater.inputSpace)
                inflater.supplied(n)
            }
            let produced: Int
            do {
                produced = try inflater.inflate(into: dst, inputFinished: rawEOF)
            } catch {
                throw .corruptGzip(fileName: fileName, detail: error.detail)
            }
            if produced > 0 { return produced }
            if inflater.finished && inflater.needsInput && rawEOF { return 0 }
        }
    }
}

private let hexDigits = (0..<16).map { String($0, radix: 16) }

#if !canImport(Glibc)
    private enum Glibc {
        static func read(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ n: Int) -> Int {
            #if canImport(Darwin)
                Darwin.read(fd, buf, n)
            #else
                Musl.read(fd, buf, n)
            #endif
        }
    }
#endif
