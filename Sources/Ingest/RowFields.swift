/// How a field's value was written.
enum FieldTag: UInt8 {
    case absent
    /// A CSV field or a JSON string.
    case text
    /// A JSON number (its text as written).
    case number
    /// JSON values that no field accepts.
    case boolean, array, object
}

/// The values of one record by field slot (`IngestKind.fields` order). A trivial value over memory owned
/// by the reader (no reference counting per row); the buffers point into the reader's input buffer or
/// scratch space and are valid only while the record is being validated.
struct RowFields {
    let slotCount: Int
    private let tagStorage: UnsafeMutablePointer<FieldTag>
    private let valueStorage: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>

    init(slotCount: Int) {
        self.slotCount = slotCount
        tagStorage = .allocate(capacity: slotCount)
        tagStorage.initialize(repeating: .absent, count: slotCount)
        valueStorage = .allocate(capacity: slotCount)
        valueStorage.initialize(repeating: UnsafeBufferPointer(start: nil, count: 0), count: slotCount)
    }

    func free() {
        tagStorage.deallocate()
        valueStorage.deallocate()
    }

    @inline(__always)
    func tag(_ slot: Int) -> FieldTag { tagStorage[slot] }

    @inline(__always)
    func value(_ slot: Int) -> UnsafeBufferPointer<UInt8> { valueStorage[slot] }

    func clear() {
        for i in 0..<slotCount { tagStorage[i] = .absent }
    }

    @inline(__always)
    func set(_ slot: Int, _ tag: FieldTag, _ value: UnsafeBufferPointer<UInt8>) {
        tagStorage[slot] = tag
        valueStorage[slot] = value
    }
}
