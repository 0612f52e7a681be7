#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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
    private var core: ReaderCore

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
        core = ReaderCore(stream: stream, fileName: fileName, kind: kind, format: format, options: options)
        // On a throw here the object is fully initialised, so deinit still frees the core.
        try core.open()
    }

    deinit { core.free() }

    /// CSV header names as written (trimmed, NFC); empty for JSON Lines.
    public var columns: [String] { core.columns }
    /// Columns (CSV header) or keys (JSON Lines, as met; at most 100) that no field of the kind uses.
    public var ignoredColumns: [String] { core.ignoredColumns }
    public var rowsRead: Int { core.rowsValid + core.rowsRejected }
    public var rowsValid: Int { core.rowsValid }
    public var rowsRejected: Int { core.rowsRejected }
    public var isFinished: Bool { core.isFinished }

    /// SHA-256 (hex) of the file's raw bytes; nil until the whole file has been read.
    public var sha256Hex: String? { core.stream.sha256Hex }

    /// Raw (compressed) size of the file.
    public var fileBytes: Int64 { core.stream.rawSize }

    /// Raw (compressed) bytes read so far, for progress.
    public var bytesRead: Int64 { core.stream.rawBytesRead }

    /// Reads records until `batch.data` holds at least `targetBytes`, the batch holds `maxRejections`
    /// rejections (a file of bad rows stays in bounded memory too) or the file ends, appending valid rows and
    /// rejections to `batch`.
    public func readBatch(
        into batch: inout CopyBatch, targetBytes: Int = 4 << 20, maxRejections: Int = 5000
    ) throws(IngestError) {
        // The hot loop runs on a local copy: no dynamic exclusivity checks on class properties per row.
        var local = core
        defer { core = local }
        try local.readBatch(into: &batch, targetBytes: targetBytes, maxRejections: maxRejections)
    }

    /// Reads the rest of the file into one batch (tests and small files).
    public func readAll() throws(IngestError) -> CopyBatch {
        var batch = CopyBatch()
        while !isFinished { try readBatch(into: &batch, targetBytes: Int.max, maxRejections: Int.max) }
        return batch
    }
}

/// The reader's state and record loop (a value type, so the loop works on local state).
struct ReaderCore {
    let fileName: String
    let kind: IngestKind
    let format: FileFormat
    let options: IngestOptions
    let stream: ByteStream
    let validator: RowValidator
    let row: RowFields
    var csv = CSVRecordParser()
    var json: JSONLineParser
    var out: OutputBuffer
    var columns: [String] = []
    var ignoredColumns: [String] = []
    private var ignoredKeyBytes: [[UInt8]] = []
    /// Header column → field slot (-1: ignored).
    private var columnSlots: [Int] = []
    var rowsValid = 0
    var rowsRejected = 0
    var isFinished = false

    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var start = 0
    private var end = 0
    private var eof = false
    private let scratch: UnsafeMutablePointer<UInt8>
    /// Line number where the next record starts.
    private var line = 1

    init(stream: ByteStream, fileName: String, kind: IngestKind, format: FileFormat, options: IngestOptions) {
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
        out = OutputBuffer(capacity: 1 << 16)
    }

    func free() {
        buffer.deallocate()
        scratch.deallocate()
        row.free()
        csv.free()
        out.free()
    }

    /// Reads the first bytes, skips a byte-order mark, reads the CSV header.
    mutating func open() throws(IngestError) {
        while end < 3 && !eof { try fill() }
        // A leading byte-order mark is ignored.
        if end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF {
            start += 3
        }
        if format.syntax == .csv { try readHeader() }
    }

    mutating func readBatch(into batch: inout CopyBatch, targetBytes: Int, maxRejections: Int) throws(IngestError) {
        let base = batch.data.count
        defer {
            batch.data.append(contentsOf: out.bytes)
            out.removeAll()
        }
        while !isFinished && base + out.count < targetBytes && batch.rejections.count < maxRejections {
            if format.syntax == .csv { try nextCSVRecord(&batch) } else { try nextJSONLine(&batch) }
        }
    }

    // MARK: buffer

    /// Moves unread bytes to the front and reads more; sets `eof` when the stream is done.
    private mutating func fill() throws(IngestError) {
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

    private mutating func reject(
        _ batch: inout CopyBatch, line: Int, _ reason: RejectReason, field: String?, _ message: String, raw: String
    ) {
        batch.rejections.append(Rejection(lineNumber: line, reason: reason, field: field, message: message, raw: raw))
        rowsRejected += 1
    }

    private mutating func finish() throws(IngestError) {
        // Drain the stream so the digest covers every byte (and gzip integrity is checked to the end).
        while !eof {
            start = end
            try fill()
        }
        isFinished = true
    }

    // MARK: CSV

    private mutating func readHeader() throws(IngestError) {
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
        let field = csv.field(f)
        let s = field.start
        let e = field.end
        if !field.escaped { return UnsafeBufferPointer(start: buffer + s, count: e - s) }
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
    private mutating func skipBlankLines() throws(IngestError) {
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

    private mutating func nextCSVRecord(_ batch: inout CopyBatch) throws(IngestError) {
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

    private mutating func processCSVRecord(_ batch: inout CopyBatch, line: Int, from: Int, to: Int) {
        if let bad = UTF8Check.firstProblem(buffer + from, to - from) {
            var field: String?
            for f in 0..<min(csv.fieldCount, columns.count) where csv.field(f).end > from + bad {
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
        if let error = render(&batch, line: line) {
            reject(&batch, line: line, error.reason, field: error.field, error.message, raw: rawText(from, to))
        }
    }

    /// Validates the filled `row` and appends its COPY line; the broken rule otherwise.
    @inline(__always)
    private mutating func render(_ batch: inout CopyBatch, line: Int) -> FieldError? {
        let mark = out.count
        do {
            try validator.render(row, line: line, into: &out)
            batch.rowCount += 1
            rowsValid += 1
            return nil
        } catch {
            out.truncate(to: mark)
            return error
        }
    }

    /// Skips the rest of a record without buffering it, keeping the first bytes for the quarantine.
    private mutating func skipCSVRecord(
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

    private mutating func nextJSONLine(_ batch: inout CopyBatch) throws(IngestError) {
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
        guard to > from, let p = memchr(buffer + from, 10, to - from) else { return nil }
        return buffer.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    private mutating func processJSONLine(_ batch: inout CopyBatch, from: Int, to lineEnd: Int) throws(IngestError) {
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
            let known = ignoredKeyBytes
            var fresh: [[UInt8]] = []
            defer { noteUnknownKeys(fresh) }
            try json.parse(buffer + from, count: to - from, into: row) { key in
                if known.count + fresh.count < 100 && !known.contains(where: { $0.elementsEqual(key) })
                    && !fresh.contains(where: { $0.elementsEqual(key) })
                {
                    fresh.append(Array(key))
                }
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
        if let error = render(&batch, line: line) {
            reject(&batch, line: line, error.reason, field: error.field, error.message, raw: rawText(from, to))
        }
    }

    private mutating func noteUnknownKeys(_ keys: [[UInt8]]) {
        for key in keys {
            ignoredKeyBytes.append(key)
            let name = key.withUnsafeBufferPointer { TextRules.normalized($0) }
            if !name.isEmpty && !ignoredColumns.contains(name) { ignoredColumns.append(name) }
        }
    }

    private mutating func skipJSONLine(_ batch: inout CopyBatch) throws(IngestError) {
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
