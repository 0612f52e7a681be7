#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a file's COPY TEXT rows (key first, line number last) for the loader's direct path: rows whose key the
/// file has not shown before go straight into the event table, with the load id appended as a last column; rows
/// whose key it may have (a `KeyFilter` never misses a repeat, and rarely reports a new key as one) are set aside,
/// unchanged, for the staging table, where they are compared with the stored rows.
final class DirectCopySplitter {
    private var seen: KeyFilter
    /// `\t<load id>`, written before each direct row's newline.
    private let suffix: [UInt8]
    /// Direct rows so far.
    private(set) var directRows = 0
    /// Set-aside rows so far.
    private(set) var repeatRows = 0

    init(loadID: Int64, filter: consuming KeyFilter) {
        seen = filter
        suffix = Array("\t\(loadID)".utf8)
    }

    /// Appends the rows of `data` to `direct` (with the load id) or `repeats` (as they are).
    func split(_ data: [UInt8], direct: inout [UInt8], repeats: inout [UInt8]) {
        data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let end = buffer.count
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
                let line = UnsafeBufferPointer(start: base + start, count: lineEnd - start)
                if seen.insert(hash) {
                    direct.append(contentsOf: line)
                    direct.append(contentsOf: suffix)
                    direct.append(10)
                    directRows += 1
                } else {
                    repeats.append(contentsOf: line)
                    repeats.append(10)
                    repeatRows += 1
                }
                start = lineEnd + 1
            }
        }
    }

    /// Remembers the keys of `data`'s rows without splitting (the staged path): afterwards `mayRepeatKeys`
    /// tells whether the file may repeat a key.
    func noteKeys(_ data: [UInt8]) {
        data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let end = buffer.count
            var start = 0
            while start < end {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                var i = start
                while i < end && base[i] != 9 && base[i] != 10 {
                    hash = (hash ^ UInt64(base[i])) &* 0x100_0000_01b3
                    i += 1
                }
                let lineEnd =
                    memchr(base + i, 10, end - i).map {
                        UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base
                    } ?? end
                if seen.insert(hash) {
                    directRows += 1
                } else {
                    repeatRows += 1
                    if flaggedLines.count < Self.maxFlaggedLines {
                        // The line number is the row's last field.
                        var j = lineEnd
                        while j > start && base[j - 1] != 9 { j -= 1 }
                        var number: Int64 = 0
                        while j < lineEnd {
                            number = number &* 10 &+ Int64(base[j] &- 48)
                            j += 1
                        }
                        flaggedLines.append(number)
                    }
                }
                start = lineEnd + 1
            }
        }
    }

    /// Whether the file may repeat a key (the filter reported some key as seen before).
    var mayRepeatKeys: Bool { repeatRows > 0 }

    /// `noteKeys` only: the line numbers of the rows whose key the filter reported as seen before (every later
    /// occurrence of a repeated key is among them), or nil when there were too many to keep.
    var repeatCandidates: [Int64]? { repeatRows <= flaggedLines.count ? flaggedLines : nil }
    private var flaggedLines: [Int64] = []
    static let maxFlaggedLines = 100_000

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
