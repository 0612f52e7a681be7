/// Output of reading part of a file: valid rows as PostgreSQL COPY TEXT lines (columns of
/// `IngestKind.stagingColumns`) and the rejected rows.
public struct CopyBatch: Sendable {
    /// COPY TEXT data: one line per valid row, tab-separated, `\N` for NULL, ending with the line number.
    public var data: [UInt8] = []
    /// Valid rows in `data`.
    public var rowCount = 0
    /// Bad rows, in file order.
    public var rejections: [Rejection] = []

    public init() {}

    public mutating func removeAll() {
        data.removeAll(keepingCapacity: true)
        rowCount = 0
        rejections.removeAll(keepingCapacity: true)
    }

    /// The rows read into this batch (valid + rejected).
    public var rowsRead: Int { rowCount + rejections.count }
}
