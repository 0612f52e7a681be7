#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Bloom filter over 64-bit key hashes: tells which keys a file may already have shown, in a fixed amount of
/// memory whatever the file's size.
///
/// It never misses a key it was given (no false negatives), which is what the loader relies on: a key reported as
/// new really is new to the file. A false positive only sets a new row aside for the staging table, where it is
/// compared with the stored rows and inserted after all; the rate grows with the number of keys (about 0.1 % at
/// one key per 16 bits, 5 % at one per 5 bits).
struct KeyFilter: ~Copyable {
    private let words: UnsafeMutablePointer<UInt64>
    private let bitMask: UInt64

    /// `bits`: rounded up to a power of two, at least 2^12.
    init(bits: Int) {
        var size = 1 << 12
        while size < bits { size <<= 1 }
        let bytes = size / 8
        // Every insert lands on a random cache line of up to 16 MB: on 4 KB pages nearly each one also misses the TLB
        // (dearer still in a virtual machine). Transparent huge pages, where the kernel offers them on request, make
        // that one 2 MB page walk per 512 lines.
        let huge = bytes >= 1 << 21
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, huge ? 1 << 21 : 64, bytes) == 0, let raw else {
            fatalError("out of memory for a \(bytes)-byte key filter")
        }
        if huge { _ = madvise(raw, bytes, 14) }  // MADV_HUGEPAGE; a refusal only costs speed
        words = raw.bindMemory(to: UInt64.self, capacity: size / 64)
        words.initialize(repeating: 0, count: size / 64)
        bitMask = UInt64(size - 1)
    }

    /// A filter sized for a file of `fileBytes` (about one key per 40 bytes, or 5 bytes when compressed; 16 bits
    /// per key), between 4 KB and 16 MB.
    init(fileBytes: Int64, compressed: Bool) {
        let keys = max(Int64(1), fileBytes / (compressed ? 5 : 40))
        self.init(bits: Int(min(keys * 16, 1 << 27)))
    }

    deinit { free(words) }

    /// The first word of the key's block: reading it ahead of `insert` brings the block into the cache.
    @inline(__always)
    func peek(_ hash: UInt64) -> UInt64 {
        words[block(hash)]
    }

    @inline(__always)
    private func block(_ hash: UInt64) -> Int {
        Int((((hash &* 0x9E37_79B9_7F4A_7C15) >> 32) << 9) & bitMask) >> 6
    }

    /// Adds the key with hash `hash`; false when the filter already had all its bits (the key may be a repeat).
    mutating func insert(_ hash: UInt64) -> Bool {
        // Blocked: the three bits of a key lie in one 512-bit block (one cache line), chosen by the high half of the
        // mixed hash; the low 27 bits place the bits within it. One cache miss per key instead of three, for a
        // slightly higher false-positive rate.
        let h = hash &* 0x9E37_79B9_7F4A_7C15
        let block = block(hash)
        var isNew = false
        for i: UInt64 in 0..<3 {
            let bit = (h >> (9 * i)) & 511
            let word = block + Int(bit >> 6)
            let flag: UInt64 = 1 << (bit & 63)
            if words[word] & flag == 0 {
                isNew = true
                words[word] |= flag
            }
        }
        return isNew
    }
}
