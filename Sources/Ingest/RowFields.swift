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

/// The values of one record by field slot (`IngestKind.fields` order). The buffers point into the reader's
/// input buffer or scratch space and are valid only while the record is being validated.
struct RowFields {
    var tags: [FieldTag]
    var values: [UnsafeBufferPointer<UInt8>]

    init(slotCount: Int) {
        tags = Array(repeating: .absent, count: slotCount)
        values = Array(repeating: UnsafeBufferPointer(start: nil, count: 0), count: slotCount)
    }

    mutating func clear() {
        for i in tags.indices { tags[i] = .absent }
    }

    @inline(__always)
    mutating func set(_ slot: Int, _ tag: FieldTag, _ value: UnsafeBufferPointer<UInt8>) {
        tags[slot] = tag
        values[slot] = value
    }
}
