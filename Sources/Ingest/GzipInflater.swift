import CZlib

struct GzipFailure: Error {
    var detail: String
}

/// Streaming zlib inflate of gzip data (concatenated members too, as `gzip -d` reads them).
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var initialised = false
    private var sawInput = false
    /// True between members: the last member ended and no new one has started.
    private(set) var finished = false

    init(inputCapacity: Int) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: inputCapacity, alignment: 16)
    }

    deinit {
        if initialised { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    var needsInput: Bool { stream.pointee.avail_in == 0 }

    /// Where the next raw bytes go (only valid when `needsInput`).
    var inputSpace: UnsafeMutableRawBufferPointer { input }

    func supplied(_ count: Int) {
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(count)
        if count > 0 { sawInput = true }
    }

    /// Inflates into `dst`; returns the bytes produced (0: more input is needed, or the data ended).
    func inflate(into dst: UnsafeMutableRawBufferPointer, inputFinished: Bool) throws(GzipFailure) -> Int {
        if finished {
            // A member ended; only more input can start another one.
            if stream.pointee.avail_in == 0 { return 0 }
            inflateReset(stream)
            finished = false
        }
        if !initialised {
            if stream.pointee.avail_in == 0 {
                if inputFinished { throw GzipFailure(detail: "empty file") }
                return 0
            }
            let rc = fly_inflate_init_gzip(stream)
            if rc != Z_OK { throw GzipFailure(detail: "inflateInit failed (\(rc))") }
            initialised = true
        }
        stream.pointee.next_out = dst.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(dst.count)
        let rc = CZlib.inflate(stream, Z_NO_FLUSH)
        let produced = dst.count - Int(stream.pointee.avail_out)
        switch rc {
        case Z_OK:
            break
        case Z_STREAM_END:
            finished = true
        case Z_BUF_ERROR:
            // No progress was possible: fine while more input may come, truncation at the end.
            if produced == 0 && stream.pointee.avail_in == 0 && inputFinished {
                throw GzipFailure(detail: "unexpected end of data")
            }
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
            throw GzipFailure(detail: message)
        }
        return produced
    }
}
