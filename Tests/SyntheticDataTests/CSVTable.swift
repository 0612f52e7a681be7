import Foundation

/// A strict RFC 4180 reader for the tests (independent of the generator's writer): quoted fields with doubled
/// quotes, CRLF or LF, a leading byte-order mark skipped; every row must have as many fields as the header.
struct CSVTable {
    enum Failure: Error, CustomStringConvertible {
        case malformed(line: Int, message: String)

        var description: String {
            switch self {
            case .malformed(let line, let message): return "line \(line): \(message)"
            }
        }
    }

    let header: [String]
    let rows: [[String]]
    let hadByteOrderMark: Bool
    let usedCRLF: Bool

    func index(_ column: String) -> Int? { header.firstIndex(of: column) }

    /// The values of one column (rows in order).
    func column(_ name: String) -> [String] {
        guard let index = index(name) else { return [] }
        return rows.map { $0[index] }
    }

    /// Rows as dictionaries keyed by header name.
    var records: [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    init(contentsOf url: URL) throws {
        try self.init(data: Data(contentsOf: url))
    }

    init(data: Data) throws {
        var bytes = [UInt8](data)
        hadByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hadByteOrderMark { bytes.removeFirst(3) }
        usedCRLF = bytes.firstIndex(of: 10).map { $0 > 0 && bytes[$0 - 1] == 13 } ?? false
        var records: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0
        var line = 1
        var quoted = false
        var inQuotes = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll()
            quoted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == 34 {
                    if index + 1 < bytes.count && bytes[index + 1] == 34 {
                        field.append(34)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 10 { line += 1 }
                    field.append(byte)
                }
            } else if byte == 34 {
                guard field.isEmpty && !quoted else {
                    throw Failure.malformed(line: line, message: "quote inside an unquoted field")
                }
                quoted = true
                inQuotes = true
            } else if byte == 44 {
                endField()
            } else if byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10 {
                // CR of a CRLF: the LF ends the record.
            } else if byte == 10 {
                endField()
                records.append(fields)
                fields = []
                line += 1
            } else {
                if quoted { throw Failure.malformed(line: line, message: "text after a closing quote") }
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw Failure.malformed(line: line, message: "unterminated quote") }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            records.append(fields)
        }
        guard let header = records.first else { throw Failure.malformed(line: 1, message: "no header") }
        for (offset, record) in records.enumerated() where record.count != header.count {
            throw Failure.malformed(line: offset + 1, message: "\(record.count) fields, header has \(header.count)")
        }
        self.header = header
        rows = Array(records.dropFirst())
    }
}
