#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Routes a file's COPY TEXT rows (key first, line number last) on their way to the database, remembering the keys
/// in a `KeyFilter` so rows whose key the file may already have shown are known.
///
/// - `split` (the direct path): rows with a new key go straight into the event table, with their digest and the
///   load id appended; the others are set aside, with their digest, for the staging table, where they are compared
///   with the stored rows (the filter never misses a repeat, and rarely reports a new key as one).
/// - `stage` (the staged path): every row, with its digest, for the staging table.
/// - `narrow` (the digest path of a re-sent file): only key, line number and digest.
///
/// The digest (`withDigest`, usage and feedback; the migration 0015 column `content_hash`) covers the row's fields but
/// the key, as rendered: equal digests mean identical content (usage and feedback times always carry their offset or
/// input zone, so the same text is the same instant).
final class DirectCopySplitter {
    private var seen: KeyFilter
    /// `\t<load id>`, written after a direct row's digest.
    private let loadSuffix: [UInt8]
    let withDigest: Bool
    /// Rows whose key was new to the file so far.
    private(set) var directRows = 0
    /// Rows whose key the filter reported as seen before.
    private(set) var repeatRows = 0
    private var flaggedLines: [Int64] = []
    static let maxFlaggedLines = 100_000
    /// Direct rows go out as COPY BINARY tuples when set (see `CopyBinaryEncoder`).
    let binary: CopyBinaryEncoder?
    private let loadID: Int64
    /// New-key rows the encoder could not convert, set aside for the staging table with the repeats.
    private(set) var unconvertedRows = 0

    init(loadID: Int64, withDigest: Bool, filter: consuming KeyFilter, binary: CopyBinaryEncoder? = nil) {
        seen = filter
        self.withDigest = withDigest
        self.binary = withDigest ? binary : nil
        self.loadID = loadID
        loadSuffix = Array("\t\(loadID)".utf8)
    }

    /// Where `binary` writes a batch's tuples (no `[UInt8]` bookkeeping per byte); copied out once per batch.
    private var binaryScratch = OutputBuffer(capacity: 1 << 21)

    deinit { binaryScratch.free() }

    /// Rows `split` set aside for the staging table: later rows of a key (maybe) and rows not in binary.
    var setAsideRows: Int { repeatRows + unconvertedRows }

    /// Whether the file may repeat a key (the filter reported some key as seen before).
    var mayRepeatKeys: Bool { repeatRows > 0 }

    /// The line numbers of the rows whose key the filter reported as seen before (every later occurrence of a
    /// repeated key is among them), or nil when there were too many to keep.
    var repeatCandidates: [Int64]? { repeatRows <= flaggedLines.count ? flaggedLines : nil }

    /// Appends the rows of `data` to `direct` (digest and load id appended; COPY BINARY tuples when `binary` is set) or
    /// `repeats` (COPY TEXT, digest appended): rows whose key the file may have shown, and rows `binary` cannot convert.
    func split(_ data: [UInt8], direct: inout [UInt8], repeats: inout [UInt8]) {
        forEachRow(data) { row, isNew in
            if isNew, let binary {
                if binary.append(row: row.text, extra: (Self.digest(row.content), loadID), to: &binaryScratch) {
                    return
                }
                unconvertedRows += 1
                appendStaged(row, to: &repeats)
            } else if isNew {
                direct.append(contentsOf: row.text)
                appendDigest(row, to: &direct)
                direct.append(contentsOf: loadSuffix)
                direct.append(10)
            } else {
                appendStaged(row, to: &repeats)
            }
        }
        if binaryScratch.count > 0 {
            direct.append(contentsOf: binaryScratch.bytes)
            binaryScratch.removeAll()
        }
    }

    /// Appends every row of `data` to `out`, with its digest.
    func stage(_ data: [UInt8], into out: inout [UInt8]) {
        forEachRow(data) { row, _ in
            appendStaged(row, to: &out)
        }
    }

    /// Appends the rows of `data` whose line number is in `wanted` (ascending, consumed from `wantedCursor` on;
    /// batches come in line order) to `out`, with their digest.
    func pick(_ data: [UInt8], into out: inout [UInt8]) {
        forEachRow(data) { row, _ in
            let number = row.lineNumber
            while wantedCursor < wanted.count && wanted[wantedCursor] < number { wantedCursor += 1 }
            guard wantedCursor < wanted.count && wanted[wantedCursor] == number else { return }
            appendStaged(row, to: &out)
        }
    }

    /// Line numbers `pick` keeps, ascending.
    var wanted: [Int64] = []
    private var wantedCursor = 0

    /// Appends `key \t line number \t digest` for every row of `data` to `out`, and the rows whose key the file may
    /// have shown before also in full (with their digest) to `repeats`: a re-sent file's in-file repeats are the rows
    /// most likely to need a second look, and keeping them saves reading the file again for them.
    func narrow(_ data: [UInt8], into out: inout [UInt8], repeats: inout [UInt8]) {
        forEachRow(data) { row, isNew in
            out.append(contentsOf: row.key)
            out.append(9)
            out.append(contentsOf: row.lineNumberText)
            appendDigest(row, to: &out)
            out.append(10)
            if !isNew {
                appendStaged(row, to: &repeats)
            }
        }
    }

    /// One COPY TEXT row: all of it, its key, the fields between key and line number, the line number.
    struct Row {
        let text: UnsafeBufferPointer<UInt8>
        let key: UnsafeBufferPointer<UInt8>
        let content: UnsafeBufferPointer<UInt8>
        let lineNumberText: UnsafeBufferPointer<UInt8>

        var lineNumber: Int64 {
            var number: Int64 = 0
            for digit in lineNumberText { number = number &* 10 &+ Int64(digit &- 48) }
            return number
        }
    }

    /// A row as the staging table takes it: its text, its digest, a newline.
    private func appendStaged(_ row: Row, to out: inout [UInt8]) {
        out.append(contentsOf: row.text)
        appendDigest(row, to: &out)
        out.append(10)
    }

    private func appendDigest(_ row: Row, to out: inout [UInt8]) {
        guard withDigest else { return }
        out.append(9)
        Self.appendDecimal(Self.digest(row.content), to: &out)
    }

    /// Appends `value` in decimal ASCII (no `String` per row: this runs for every row of a file).
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var n = 0
            repeat {
                buffer[23 - n] = UInt8(truncatingIfNeeded: 48 + magnitude % 10)
                magnitude /= 10
                n += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(24 - n)...])
        }
    }

    /// A 64-bit digest of `bytes` as a signed integer (a `bigint`): 8 bytes at a time, each mixed with MurmurHash3's
    /// 64-bit finaliser steps, then the finaliser over the length-seeded state. Not cryptographic (a file's author
    /// could forge a twin); accidental collisions are about 2^-64 per compared pair. Fixed forever: stored digests
    /// must keep matching.
    static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        @inline(__always) func mix(_ k: UInt64) -> UInt64 {
            var x = k
            x ^= x >> 33
            x = x &* 0xff51_afd7_ed55_8ccd
            x ^= x >> 33
            x = x &* 0xc4ce_b9fe_1a85_ec53
            x ^= x >> 33
            return x
        }
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var tail: UInt64 = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i + 8 <= bytes.count {
                let k = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                h = (h ^ mix(k)) &* 0x9E37_79B9_7F4A_7C15
                h = h << 31 | h >> 33
                i += 8
            }
            var shift: UInt64 = 0
            while i < bytes.count {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
        }
        h = (h ^ mix(tail ^ 0x5851_F42D_4C95_7F2D)) &* 0x9E37_79B9_7F4A_7C15
        return Int64(bitPattern: mix(h))
    }

    /// Calls `body` for each row of `data` with whether its key is new to the file (and remembers it).
    private func forEachRow(_ data: [UInt8], _ body: (Row, Bool) -> Void) {
        data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let end = buffer.count
            // Rows and key hashes first, then each key's filter block is read in a tight loop, so the cache misses
            // of a batch overlap one another instead of stalling every insert one after the other.
            bounds.removeAll(keepingCapacity: true)
            var touched: UInt64 = 0
            var start = 0
            while start < end {
                let lineEnd =
                    memchr(base + start, 10, end - start).map {
                        UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base
                    } ?? end
                var keyEnd = start
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over the key as written (escaped)
                while keyEnd < lineEnd && base[keyEnd] != 9 {
                    hash = (hash ^ UInt64(base[keyEnd])) &* 0x100_0000_01b3
                    keyEnd += 1
                }
                bounds.append(RowBounds(start: start, keyEnd: keyEnd, lineEnd: lineEnd, hash: hash))
                start = lineEnd + 1
            }
            // A tight loop of independent reads: the processor has many misses in flight at once.
            for b in bounds { touched ^= seen.peek(b.hash) }
            peeked ^= touched
            for b in bounds {
                var numberStart = b.lineEnd
                while numberStart > b.keyEnd && base[numberStart - 1] != 9 { numberStart -= 1 }
                let contentStart = min(b.keyEnd + 1, numberStart)
                let row = Row(
                    text: UnsafeBufferPointer(start: base + b.start, count: b.lineEnd - b.start),
                    key: UnsafeBufferPointer(start: base + b.start, count: b.keyEnd - b.start),
                    content: UnsafeBufferPointer(
                        start: base + contentStart, count: max(0, numberStart - 1 - contentStart)),
                    lineNumberText: UnsafeBufferPointer(start: base + numberStart, count: b.lineEnd - numberStart))
                let isNew = seen.insert(b.hash)
                if isNew {
                    directRows += 1
                } else {
                    repeatRows += 1
                    if flaggedLines.count < Self.maxFlaggedLines { flaggedLines.append(row.lineNumber) }
                }
                body(row, isNew)
            }
        }
    }

    private struct RowBounds {
        let start: Int
        let keyEnd: Int
        let lineEnd: Int
        let hash: UInt64
    }

    /// The rows of the batch at hand (reused).
    private var bounds: [RowBounds] = []
    /// The filter words read ahead, folded together so the reads are not optimised away.
    private var peeked: UInt64 = 0

    /// Up to `limit` keys of `data`'s rows, unescaped, for probing the stored table (keys with escapes are skipped:
    /// the probe is only a hint).
    static func sampleKeys(_ data: [UInt8], limit: Int) -> [String] {
        var keys: [String] = []
        var start = 0
        while start < data.count && keys.count < limit {
            var i = start
            var escaped = false
            while i < data.count && data[i] != 9 && data[i] != 10 {
                if data[i] == UInt8(ascii: "\\") { escaped = true }
                i += 1
            }
            if !escaped { keys.append(String(decoding: data[start..<i], as: UTF8.self)) }
            while i < data.count && data[i] != 10 { i += 1 }
            start = i + 1
        }
        return keys
    }
}
