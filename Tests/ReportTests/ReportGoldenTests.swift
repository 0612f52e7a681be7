import Foundation
import Testing
@testable import Report

/// The whole report, byte for byte. Set FLYWHEEL_UPDATE_GOLDEN=1 to rewrite the golden files deliberately,
/// then read the diff before committing it.
@Suite struct ReportGoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    func check(_ actual: String, against name: String) throws {
        let url = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["FLYWHEEL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from the golden file; FLYWHEEL_UPDATE_GOLDEN=1 rewrites it")
    }

    @Test func markdownMatchesGolden() throws {
        try check(ReportRenderer().markdown(ReportFixtures.full()), against: "2026-11.md")
    }

    @Test func jsonMatchesGolden() throws {
        let json = try ReportRenderer().json(ReportFixtures.full())
        try check(String(decoding: json, as: UTF8.self), against: "2026-11.json")
    }

    @Test func emptyReportMatchesGolden() throws {
        try check(ReportRenderer().markdown(ReportFixtures.empty), against: "empty.md")
    }

    @Test func renderingIsDeterministic() throws {
        let renderer = ReportRenderer()
        #expect(renderer.markdown(ReportFixtures.full()) == renderer.markdown(ReportFixtures.full()))
        #expect(try renderer.json(ReportFixtures.full()) == renderer.json(ReportFixtures.full()))
    }
}
