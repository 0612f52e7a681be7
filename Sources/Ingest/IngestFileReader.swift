/// Streams one input file (CSV or JSON Lines, plain or gzip) into COPY TEXT batches and rejections, with
/// memory bounded by the chunk and record sizes. The file's SHA-256 is computed from its raw bytes as
/// they are read (`sha256Hex` once finished).
///
/// Usage: `let r = try IngestFileReader(path:…)`; then `while !r.isFinished { try r.readBatch(into: &b) }`.
/// File-level problems are thrown (`IngestError`): nothing of such a file may be loaded.
public final class IngestFileReader {
    public let fileName: String
    public let kind: IngestKind
    public let format: FileFormat
    /// CSV header names as written (trimmed); empty for JSON Lines.
    public private(set) var columns: [String] = []
    /// Columns (CSV header) or keys (JSON Lines, as met; at most 100) that no field of the kind uses.
    public private(set) var ignoredColumns: [String] = []
    public private(set) var rowsRead = 0
    public private(set) var rowsValid = 0
    public private(set) var rowsRejected = 0
    public private(set) var isFinished = false

    private let options: IngestOptions
    private let stream: ByteStream
    private let validator: RowValidator
    private var row: RowFields
    private var csv = CSVRecordParser()
    private var json: JSONLineParser
    /// Header column → field slot (-1: ignored).
    private var columnSlots: [Int] = []

    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var start = 0
    private var end = 0
    private var eof = false
    private let scratch: UnsafeMutablePointer<UInt8>
    /// Line number where the next record starts.
    private var line = 1

    /// Opens `path`; the kind comes from `kind` or the file name, the format from the file name.
    public convenience init(path: String, kind: IngestKind? = nil, options: IngestOptions = IngestOptions())
        throws(IngestError)
    {
        let name = String(baseName(path))
        guard let k = kind ?? IngestKind.detect(fileName: name) else { throw .unknownKind(fileName: name) }
        guard let format = FileFormat.detect(fileName: name) else { throw .unsupportedFormat(fileName: name) }
        try Self.check(options)
        let stream = try ByteStream(path: path, gzip: format.gzip, chunkBytes: options.chunkBytes)
        try self.init(stream: stream, fileName: name, kind: k, format: format, options: options)
    }

    /// Reads a file's bytes from memory (tests, small inputs); `fileName` decides kind and format as above.
    public convenience init(
        bytes: [UInt8], fileName: String, kind: IngestKind? = nil, options: IngestOptions = IngestOptions()
    ) throws(IngestError) {
        guard let k = kind ?? IngestKind.detect(fileName: fileName) else { throw .unknownKind(fileName: fileName) }
        guard let format = FileFormat.detect(fileName: fileName) else {
            throw .unsupportedFormat(fileName: fileName)
        }
        try Self.check(options)
        let stream = ByteStream(bytes: bytes, fileName: fileName, gzip: format.gzip, chunkBytes: options.chunkBytes)
        try self.init(stream: stream, fileName: fileName, kind: k, format: format, options: options)
    }

    private static func check(_ options: IngestOptions) throws(IngestError) {
        if let zone = options.inputTimeZone, !IngestOptions.validZoneName(zone) { throw .invalidTimeZone(zone) }
    }

    private init(
        stream: ByteStream, fileName: String, kind: IngestKind, format: FileFormat, options: IngestOptions
    ) throws(IngestError) {
        self.fileName = fileName
        self.kind = kind
        self.format = format
        self.options = options
        self.stream = stream
        validator = RowValidator(kind: kind, options: options)
        row = RowFields(slotCount: kind.fields.count)
        capacity = options.chunkBytes + options.maxRecordBytes + 8
        buffer = .allocate(capacity: capacity)
        scratch = .allocate(capacity: options.maxRecordBytes + 8)
        json = JSONLineParser(kind: kind, scratch: scratch, capacity: options.maxRecordBytes + 8)
        try fill()
        // A leading byte-order mark is ignored.
        if end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF {
            start += 3
        }
        if format.syntax == .csv { try readHeader() }
    }

    deinit {
        buffer.deallocate()
        scratch.deallocate()
    }

    /// SHA-256 (hex) of the file's raw bytes; nil until the whole file has been read.
    public var sha256Hex: String? { stream.sha256Hex }

    /// Raw (compressed) bytes read so far, for progress.
    public var bytesRead: Int64 { stream.rawBytesRead }

    /// Reads records until `batch.data` holds at least `targetBytes` or the file ends, appending valid
    /// rows and rejections to `batch`.
    public func readBatch(into batch: inout CopyBatch, targetBytes: Int = 4 << 20) throws(IngestError) {
        while !isFinished && batch.data.count < targetBytes {
            if format.syntax == .csv { try nextCSVRecord(&batch) } else { try nextJSONLine(&batch) }
        }
    }

    /// Reads the rest of the file into one batch (tests and small files).
    public func readAll() throws(IngestError) -> CopyBatch {
        var batch = CopyBatch()
        while !isFinished { try readBatch(into: &batch, targetBytes: Int.max) }
        return batch
    }

    // MARK: buffer

    /// Moves unread bytes to the front and reads more; sets `eof` when the stream is done.
    private func fill() throws(IngestError) {
        if start > 0 {
            if end > start { buffer.update(from: buffer + start, count: end - start) }
            end -= start
            start = 0
        }
        if eof || end >= capacity { return }
        let n = try stream.read(UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if n == 0 { eof = true } else { end += n }
    }

    private func rawText(_ from: Int, _ to: Int) -> String {
        UTF8Check.rawText(buffer + from, to - from, limit: options.rawTextLimit)
    }

    private func reject(
        _ batch: inout CopyBatch, line: Int, _ reason: RejectReason, field: String?, _ message: String, raw: String
    ) {
        batch.rejections.append(Rejection(lineNumber: line, reason: reason, field: field, message: message, raw: raw))
        rowsRead += 1
        rowsRejected += 1
    }

    private func finish() throws(IngestError) {
        // Drain the stream so the digest covers every byte (and gzip integrity is checked to the end).
        while !eof {
            start = end
            try fill()
        }
        isFinished = true
    }

    // MARK: CSV

    private func readHeader() throws(IngestError) {
        while true {
            try skipBlankLines()
            if start >= end && eof { throw .missingHeader(fileName: fileName) }
            switch csv.parse(buffer, from: start, end: end, eof: eof) {
            case .needMore:
                if end - start > options.maxRecordBytes {
                    throw .malformedHeader(fileName: fileName, detail: "header too long")
                }
                try fill()
                continue
            case .badQuote:
                throw .malformedHeader(fileName: fileName, detail: "unexpected character after a closing quote")
            case .unterminated:
                throw .malformedHeader(fileName: fileName, detail: "unterminated quoted field")
            case .record(_, let next, let newlines):
                var names: [String] = []
                for f in 0..<csv.fieldCount {
                    let bytes = fieldBytes(f)
                    names.append(TextRules.normalized(bytes))
                }
                columns = names
                start = next
                line += newlines + 1
            }
            break
        }
        let fields = kind.fields
        columnSlots = columns.map { fields.firstIndex(of: $0) ?? -1 }
        var duplicates: [String] = []
        for (c, slot) in columnSlots.enumerated() where slot >= 0 {
            if columnSlots[..<c].contains(slot) && !duplicates.contains(columns[c]) { duplicates.append(columns[c]) }
        }
        if !duplicates.isEmpty { throw .duplicateColumns(fileName: fileName, columns: duplicates) }
        var missing = kind.requiredFields.filter { !columns.contains($0) }
        for group in kind.requiredAlternatives where !group.contains(where: columns.contains) {
            missing.append(group.joined(separator: " or "))
        }
        if !missing.isEmpty { throw .missingColumns(fileName: fileName, kind: kind, columns: missing) }
        for (c, name) in columns.enumerated() where columnSlots[c] < 0 && !name.isEmpty {
            if !ignoredColumns.contains(name) { ignoredColumns.append(name) }
        }
    }

    /// The bytes of field `f` of the last parsed record (quoted `""` unescaped into scratch).
    private func fieldBytes(_ f: Int, scratchOffset: inout Int) -> UnsafeBufferPointer<UInt8> {
        let s = csv.starts[f]
        let e = csv.ends[f]
        if !csv.escaped[f] { return UnsafeBufferPointer(start: buffer + s, count: e - s) }
        let out = scratch + scratchOffset
        var o = 0
        var i = s
        while i < e {
            out[o] = buffer[i]
            o += 1
            i += buffer[i] == UInt8(ascii: "\"") ? 2 : 1
        }
        scratchOffset += o
        return UnsafeBufferPointer(start: out, count: o)
    }

    private func fieldBytes(_ f: Int) -> UnsafeBufferPointer<UInt8> {
        var offset = 0
        return fieldBytes(f, scratchOffset: &offset)
    }

    /// Skips empty lines (not rows) before a record.
    private func skipBlankLines() throws(IngestError) {
        while true {
            if start >= end {
                if eof { return }
                try fill()
                continue
            }
            let c = buffer[start]
            if c == 10 {
                start += 1
                line += 1
            } else if c == 13 {
                if start + 1 >= end && !eof {
                    try fill()
                    continue
                }
                if start + 1 >= end {
                    start += 1
                } else if buffer[start + 1] == 10 {
                    start += 2
                    line += 1
                } else {
                    return
                }
            } else {
                return
            }
        }
    }

    private func nextCSVRecord(_ batch: inout CopyBatch) throws(IngestError) {
        try skipBlankLines()
        if start >= end && eof {
            try finish()
            return
        }
        switch csv.parse(buffer, from: start, end: end, eof: eof) {
        case .needMore:
            if end - start > options.maxRecordBytes {
                try skipCSVRecord(&batch, from: start, state: .fieldStart, newlinesBefore: 0, message: "too long")
            } else {
                try fill()
            }
        case .badQuote(let at, let newlines):
            try skipCSVRecord(
                &batch, from: at, state: .unquoted, newlinesBefore: newlines,
                message: "unexpected character after a closing quote")
        case .unterminated:
            reject(&batch, line: line, .malformedRow, field: nil, "unterminated quoted field", raw: rawText(start, end))
            start = end
        case .record(let contentEnd, let next, let newlines):
            let recordLine = line
            let recordStart = start
            start = next
            line += newlines + 1
            if contentEnd - recordStart > options.maxRecordBytes {
                reject(
                    &batch, line: recordLine, .malformedRow, field: nil, "too long",
                    raw: rawText(recordStart, contentEnd))
                return
            }
            processCSVRecord(&batch, line: recordLine, from: recordStart, to: contentEnd)
        }
    }

    private func processCSVRecord(_ batch: inout CopyBatch, line: Int, from: Int, to: Int) {
        if let bad = UTF8Check.firstProblem(buffer + from, to - from) {
            var field: String?
            for f in 0..<min(csv.fieldCount, columns.count) where csv.ends[f] > from + bad {
                field = columns[f]
                break
            }
            let message = buffer[from + bad] == 0 ? "NUL byte" : "invalid UTF-8"
            reject(&batch, line: line, .badEncoding, field: field, message, raw: rawText(from, to))
            return
        }
        if csv.fieldCount != columns.count {
            reject(
                &batch, line: line, .malformedRow, field: nil,
                "expected \(columns.count) fields, found \(csv.fieldCount)", raw: rawText(from, to))
            return
        }
        row.clear()
        var offset = 0
        for c in 0..<columnSlots.count {
            let slot = columnSlots[c]
            if slot >= 0 { row.set(slot, .text, fieldBytes(c, scratchOffset: &offset)) }
        }
        emit(&batch, line: line) { self.rawText(from, to) }
    }

    /// Validates the filled `row` and appends its COPY line or a rejection.
    @inline(__always)
    private func emit(_ batch: inout CopyBatch, line: Int, raw: () -> String) {
        let mark = batch.data.count
        do {
            try validator.render(row, line: line, into: &batch.data)
            batch.rowCount += 1
            rowsRead += 1
            rowsValid += 1
        } catch {
            batch.data.removeSubrange(mark...)
            reject(&batch, line: line, error.reason, field: error.field, error.message, raw: raw())
        }
    }

    /// Skips the rest of a record without buffering it, keeping the first bytes for the quarantine.
    private func skipCSVRecord(
        _ batch: inout CopyBatch, from: Int, state: CSVSkipper.State, newlinesBefore: Int, message: String
    ) throws(IngestError) {
        let recordLine = line
        let raw = rawText(start, min(end, start + options.rawTextLimit))
        var skipper = CSVSkipper(state: state)
        var position = from
        var unterminated = false
        while true {
            if let next = skipper.scan(buffer, from: position, end: end) {
                start = next
                break
            }
            start = end
            if eof {
                unterminated = skipper.state == .quoted
                break
            }
            try fill()
            position = start
        }
        line += newlinesBefore + skipper.newlines
        let text = unterminated ? message + " (unterminated quoted field)" : message
        reject(&batch, line: recordLine, .malformedRow, field: nil, text, raw: raw)
    }

    // MARK: JSON Lines

    private func nextJSONLine(_ batch: inout CopyBatch) throws(IngestError) {
        if start >= end {
            if eof {
                try finish()
                return
            }
            try fill()
            return
        }
        let available = end - start
        guard let lf = memchrIndex(start, end) else {
            if !eof {
                if available > options.maxRecordBytes {
                    try skipJSONLine(&batch)
                } else {
                    try fill()
                }
                return
            }
            try processJSONLine(&batch, from: start, to: end)
            start = end
            line += 1
            return
        }
        let lineStart = start
        start = lf + 1
        try processJSONLine(&batch, from: lineStart, to: lf)
        line += 1
    }

    private func memchrIndex(_ from: Int, _ to: Int) -> Int? {
        var i = from
        while i < to {
            if buffer[i] == 10 { return i }
            i += 1
        }
        return nil
    }

    private func processJSONLine(_ batch: inout CopyBatch, from: Int, to lineEnd: Int) throws(IngestError) {
        var to = lineEnd
        if to > from && buffer[to - 1] == 13 { to -= 1 }
        var s = from
        while s < to && TextRules.isASCIISpace(buffer[s]) { s += 1 }
        if s == to { return }  // blank line: not a row
        if to - from > options.maxRecordBytes {
            reject(&batch, line: line, .malformedRow, field: nil, "too long", raw: rawText(from, to))
            return
        }
        if let bad = UTF8Check.firstProblem(buffer + from, to - from) {
            let message = buffer[from + bad] == 0 ? "NUL byte" : "invalid UTF-8"
            reject(&batch, line: line, .badEncoding, field: nil, message, raw: rawText(from, to))
            return
        }
        do {
            try json.parse(buffer + from, count: to - from, into: &row) { key in
                self.noteUnknownKey(key)
            }
        } catch {
            switch error {
            case .malformed(let message):
                reject(&batch, line: line, .malformedRow, field: nil, message, raw: rawText(from, to))
            case .encoding(let field):
                reject(
                    &batch, line: line, .badEncoding, field: field, "invalid \\u escape (lone surrogate)",
                    raw: rawText(from, to))
            }
            return
        }
        emit(&batch, line: line) { self.rawText(from, to) }
    }

    private func noteUnknownKey(_ key: UnsafeBufferPointer<UInt8>) {
        if ignoredColumns.count >= 100 { return }
        let name = TextRules.normalized(key)
        if !name.isEmpty && !ignoredColumns.contains(name) { ignoredColumns.append(name) }
    }

    private func skipJSONLine(_ batch: inout CopyBatch) throws(IngestError) {
        let raw = rawText(start, min(end, start + options.rawTextLimit))
        while true {
            if let lf = memchrIndex(start, end) {
                start = lf + 1
                break
            }
            start = end
            if eof { break }
            try fill()
        }
        reject(&batch, line: line, .malformedRow, field: nil, "too long", raw: raw)
        line += 1
    }
}
