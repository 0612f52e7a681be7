import CPostgres

/// Buffers COPY data and hands it to libpq in large chunks. Only valid inside `Connection.copyIn`'s closure.
public final class CopyWriter {
    let connection: Connection
    var buffer: [UInt8] = []
    let flushThreshold: Int
    /// Bytes handed to libpq so far.
    public private(set) var bytesWritten = 0

    init(connection: Connection, flushThreshold: Int) {
        self.connection = connection
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold + 64 * 1024)
    }

    /// Appends raw COPY data (already in the COPY format of the statement).
    public func write(_ bytes: some Sequence<UInt8>) throws(PostgresError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends raw COPY data; a large chunk goes to libpq as it is, without a copy into the buffer first.
    public func write(_ bytes: [UInt8]) throws(PostgresError) {
        guard bytes.count >= flushThreshold / 2 else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= flushThreshold { try flush() }
            return
        }
        try flush()
        try bytes.withUnsafeBufferPointer { pointer throws(PostgresError) in try put(pointer) }
    }

    /// Appends raw COPY data from a buffer.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(PostgresError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws(PostgresError) {
        try write(text.utf8)
    }

    func flush() throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { pointer throws(PostgresError) in try put(pointer) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func put(_ pointer: UnsafeBufferPointer<UInt8>) throws(PostgresError) {
        let status = pointer.withMemoryRebound(to: CChar.self) {
            PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count))
        }
        guard status == 1 else {
            throw PostgresError(kind: .client, message: connection.lastErrorMessage)
        }
        bytesWritten += pointer.count
    }
}

@available(*, unavailable)
extension CopyWriter: Sendable {}
