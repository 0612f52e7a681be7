import Foundation

/// Writes a month's report files: `<YYYY-MM>.json`, `<YYYY-MM>.md` and `latest.md` (a copy of the month's
/// Markdown), each atomically. The JSON goes first and `latest.md` last, so `latest.md` never points at a
/// month whose files are missing.
public struct ReportWriter: Sendable {
    public var renderer: ReportRenderer
    public var fileWriter: AtomicFileWriter

    public init(renderer: ReportRenderer = ReportRenderer(), fileWriter: AtomicFileWriter = AtomicFileWriter()) {
        self.renderer = renderer
        self.fileWriter = fileWriter
    }

    /// Renders and writes the report into `directory` (created when missing); returns the two month files.
    @discardableResult
    public func write(_ data: ReportData, to directory: URL) throws -> (markdownURL: URL, jsonURL: URL) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.io(operation: "create directory", path: directory.path, reason: "\(error)")
        }
        let name = data.settings.reportMonth.description
        let markdown = Data(renderer.markdown(data).utf8)
        let json = try renderer.json(data)
        let markdownURL = directory.appendingPathComponent(name + ".md")
        let jsonURL = directory.appendingPathComponent(name + ".json")
        try fileWriter.write(json, to: jsonURL)
        try fileWriter.write(markdown, to: markdownURL)
        try fileWriter.write(markdown, to: directory.appendingPathComponent("latest.md"))
        return (markdownURL, jsonURL)
    }
}

/// Writes `<YYYY-MM>.md`, `<YYYY-MM>.json` and `latest.md` for `data` into `directory`, atomically.
@discardableResult
public func writeReport(data: ReportData, to directory: URL) throws -> (markdownURL: URL, jsonURL: URL) {
    try ReportWriter().write(data, to: directory)
}
