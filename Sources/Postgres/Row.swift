/// One row of a query result, copied out of the `PGresult` (which never leaves the function that got it).
public struct Row: Sendable {
    let columns: ColumnIndex
    let values: [String?]

    /// The raw text of a column (nil for NULL). Traps on an unknown column name: that is a programming error.
    public subscript(column: String) -> String? {
        guard let position = columns.positions[column] else {
            preconditionFailure("no column \(column) in result (columns: \(columns.names))")
        }
        return values[position]
    }

    /// The raw text at a position (nil for NULL).
    public subscript(position: Int) -> String? { values[position] }

    /// The column value decoded as `T`, or nil for NULL.
    public func decode<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws(PostgresError) -> T? {
        guard let text = self[column] else { return nil }
        return try T(postgresText: text)
    }

    /// The column value decoded as `T`; NULL is a decoding error.
    public func require<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws(PostgresError) -> T {
        guard let value = try decode(type, column) else {
            throw PostgresError(kind: .decoding, message: "column \(column) is NULL")
        }
        return value
    }

    public var columnNames: [String] { columns.names }
}

final class ColumnIndex: Sendable {
    let names: [String]
    let positions: [String: Int]

    init(names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (position, name) in names.enumerated() where positions[name] == nil { positions[name] = position }
        self.positions = positions
    }
}
