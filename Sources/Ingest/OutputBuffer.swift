/// A growable byte buffer on manually managed memory: appends without the uniqueness and exclusivity
/// checks of `[UInt8]`, which dominate per-byte rendering. Owned by one reader; `free()` releases it.
struct OutputBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    /// Drops everything after the first `mark` bytes (undoing a partly rendered row).
    mutating func truncate(to mark: Int) { count = mark }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < count + needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        if n == 0 { return }
        if count + n > capacity { grow(n) }
        (base + count).update(from: bytes.baseAddress!, count: n)
        count += n
    }

    /// Appends an integer in network byte order (COPY BINARY).
    @inline(__always)
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        let n = MemoryLayout<T>.size
        if count + n > capacity { grow(n) }
        UnsafeMutableRawPointer(base + count).storeBytes(of: value.bigEndian, as: T.self)
        count += n
    }

    /// Overwrites 4 bytes at `offset` with `value` in network byte order (a length written after its data).
    @inline(__always)
    func patchBigEndian(_ value: Int32, at offset: Int) {
        UnsafeMutableRawPointer(base + offset).storeBytes(of: value.bigEndian, as: Int32.self)
    }

    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        for b in bytes { append(b) }
    }
}
