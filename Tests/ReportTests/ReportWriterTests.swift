import Foundation
import Testing
@testable import Report

@Suite struct ReportWriterTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func leftovers(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
    }

    @Test func writesTheMonthFilesAndLatest() throws {
        let directory = try temporaryDirectory().appendingPathComponent("reports/nested")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let (markdownURL, jsonURL) = try writeReport(data: ReportFixtures.full(), to: directory)
        #expect(markdownURL.lastPathComponent == "2026-11.md")
        #expect(jsonURL.lastPathComponent == "2026-11.json")
        let markdown = try String(contentsOf: markdownURL, encoding: .utf8)
        let latest = try String(contentsOf: directory.appendingPathComponent("latest.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# Flywheel report: November 2026\n"))
        #expect(latest == markdown)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: jsonURL)) as? [String: Any]
        #expect(json?["schema_version"] as? Int == 1)
        #expect(try leftovers(in: directory).isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["2026-11.json", "2026-11.md", "latest.md"])
    }

    @Test func atomicWriteReplacesTheWholeFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("a.md")
        try AtomicFileWriter().write(Data(String(repeating: "old\n", count: 1000).utf8), to: target)
        try AtomicFileWriter().write(Data("new\n".utf8), to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
        #expect(try leftovers(in: directory).isEmpty)
    }

    @Test func aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A non-empty directory where the report should go: the final rename must fail.
        let target = directory.appendingPathComponent("2026-11.md")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("previous".utf8).write(to: target.appendingPathComponent("keep.txt"))
        #expect(throws: ReportError.self) {
            try AtomicFileWriter().write(Data("new".utf8), to: target)
        }
        #expect(try String(contentsOf: target.appendingPathComponent("keep.txt"), encoding: .utf8) == "previous")
        #expect(try leftovers(in: directory).isEmpty)
    }

    @Test func aFailedReportKeepsThePreviousReport() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try writeReport(data: ReportFixtures.empty, to: directory)
        let before = try String(contentsOf: directory.appendingPathComponent("latest.md"), encoding: .utf8)
        // Block the month's Markdown path: the JSON may be replaced, but latest.md must not change.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("2026-11.md"))
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("2026-11.md/blocker"), withIntermediateDirectories: true)
        #expect(throws: ReportError.self) { try writeReport(data: ReportFixtures.full(), to: directory) }
        #expect(try String(contentsOf: directory.appendingPathComponent("latest.md"), encoding: .utf8) == before)
        #expect(try leftovers(in: directory).isEmpty)
    }
}
