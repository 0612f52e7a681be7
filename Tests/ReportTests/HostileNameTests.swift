import Foundation
import Testing
@testable import Report

/// Names from input data must not be able to break the report: no link, image, raw HTML, code fence, broken
/// table or Mermaid directive, whatever a feature, plan, file or check is called.
@Suite struct HostileNameTests {
    static let hostile: [String] = [
        "[x](javascript:alert(1))",
        "| pipes |",
        "```",
        "```mermaid",
        "<img src=x>",
        "<script>alert(1)</script>",
        "<!-- comment",
        "%%{init: {\"theme\": \"dark\"}}%%",
        "\"]; click A call evil()",
        "click U href \"https://evil.example\"",
        ":::bottleneck",
        "line1\nline2\r\n# heading\n- item\n| a | b |",
        "\u{202E}evil\u{202C}\u{2066}x\u{2069}\u{200E}",
        String(repeating: "A", count: 500),
        "![img](https://evil.example/y.png)",
        "https://evil.example/x",
        "www.evil.example",
        "foo@evil.example",
        "<https://evil.example>",
        "[ref]: https://evil.example",
        "x \\| y \\",
        "&lt;b&gt; &amp; &#60;i&#62;",
        "*bold* _em_ ~~strike~~ $x$ `code`",
        "end",
        "café 日本語",
        "\t tab \u{0} nul",
    ]

    static func data(named name: String) -> ReportData {
        var data = ReportFixtures.full()
        data.features = data.features.map { feature in
            var feature = feature
            if feature.feature == "image_gen" {
                feature.feature = name
                feature.reason = name
            }
            return feature
        }
        data.plans = data.plans.map { plan in
            var plan = plan
            if plan.plan == "team" { plan.plan = name }
            return plan
        }
        data.dataQuality.findings.append(DataQualityFinding(checkName: name, severity: name, detail: name))
        data.dataQuality.ingest.rejectedFiles = [name]
        data.dataQuality.ingest.quarantinedByReason.append(.init(reason: name, rows: 7))
        return data
    }

    /// Tag names with their attributes, in document order: the HTML's structure without its text.
    static func tags(_ html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "<[^>]*>")
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).map { String(html[Range($0.range, in: html)!]) }
    }

    @Test(arguments: hostile)
    func hostileNameCannotChangeTheDocumentStructure(_ name: String) throws {
        let renderer = ReportRenderer()
        guard let benign = try ExternalTool.markdownToHTML(renderer.markdown(Self.data(named: "benign name"))),
            let html = try ExternalTool.markdownToHTML(renderer.markdown(Self.data(named: name)))
        else {
            print("SKIPPED: neither cmark-gfm (apt-get install cmark-gfm) nor markdown-it-py is installed")
            return
        }
        #expect(!html.contains("<a "), "a link appeared")
        #expect(!html.contains("<img"), "an image appeared")
        #expect(!html.contains("<script"), "a script appeared")
        #expect(!html.contains("<!--"), "an HTML comment appeared")
        // Same tags, same attributes, same order as with a harmless name: no new element, no lost or extra table
        // cell, no heading, list, emphasis or code block made from data.
        #expect(Self.tags(html) == Self.tags(benign))
        // Cell by cell, only cells holding the name may differ: a pipe that split a cell would shift the rest.
        let rows = Self.tableRows(html), benignRows = Self.tableRows(benign)
        #expect(rows.count == benignRows.count)
        for (row, benignRow) in zip(rows, benignRows) {
            #expect(row.count == benignRow.count)
            for (cell, benignCell) in zip(row, benignRow) where cell != benignCell {
                #expect(
                    benignCell.contains("benign name"),
                    "cell \(benignCell.debugDescription) became \(cell.debugDescription)")
            }
        }
    }

    /// The cells of every table row, as HTML text.
    static func tableRows(_ html: String) -> [[String]] {
        html.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "</tr>")[0].components(separatedBy: "<t").dropFirst().compactMap { cell in
                guard cell.hasPrefix("d") || cell.hasPrefix("h") else { return nil }
                return String(cell.drop { $0 != ">" }.dropFirst()).components(separatedBy: "</t")[0]
            }
        }
    }

    /// What the reader sees in the feature table's first cell, worked out by hand for a few names.
    @Test func hostileNamesShowAsPlainText() throws {
        let expectations: [(String, String)] = [
            ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
            ("| pipes |", "| pipes |"),
            ("<img src=x>", "&lt;img src=x&gt;"),
            ("\u{202E}evil\u{202C}\u{2066}x\u{2069}\u{200E}", "evil x"),
            ("line1\nline2\r\n# heading", "line1 line2 # heading"),
            ("x \\| y \\", "x \\| y \\"),
            (String(repeating: "A", count: 500), String(repeating: "A", count: 79) + "…"),
        ]
        for (name, shown) in expectations {
            let markdown = ReportRenderer().markdown(Self.data(named: name))
            guard let html = try ExternalTool.markdownToHTML(markdown) else {
                print("SKIPPED: neither cmark-gfm nor markdown-it-py is installed")
                return
            }
            // The features table is the first table whose header starts with "Feature".
            let table = try #require(html.components(separatedBy: "<table>").first { $0.contains("<th>Feature</th>") })
            let firstRow = try #require(
                table.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tr>")
                    .first)
            let cells = firstRow.components(separatedBy: "<td").dropFirst().map { cell in
                String(cell.drop { $0 != ">" }.dropFirst()).components(separatedBy: "</td>")[0]
            }
            #expect(cells.first == shown, "feature cell for \(name.debugDescription)")
            #expect(cells.count == 11)
            #expect(cells[1] == "🔴 uncovered")
            #expect(cells[2] == "40k")
        }
    }

    /// The data-derived parts of every Mermaid block keep to the safe grammar, for every hostile name at once.
    @Test func mermaidBlocksStayWellFormed() throws {
        var data = ReportFixtures.full()
        data.features = Self.hostile.enumerated().map { index, name in
            FeatureEconomics(
                month: ReportFixtures.november, feature: name, calls: 10, cost: Decimal(100 - index),
                revenueByCost: Decimal(index), status: "uncovered", reason: name)
        }
        let markdown = ReportRenderer().markdown(data)
        let blocks = Self.mermaidBlocks(markdown)
        #expect(blocks.count == 5)
        let axis = try NSRegularExpression(
            pattern: #"^    x-axis (?:"[^"]*" )?\[(?:"[\p{L}\p{M}\p{Nd} \-_./+(),…]*"(?:, )?)*\]$"#)
        for block in blocks {
            #expect(!block.contains("%%"))
            #expect(!block.contains(":::"))
            #expect(!block.contains("`"))
            for line in block.split(separator: "\n") {
                let text = String(line)
                #expect(!text.trimmingCharacters(in: .whitespaces).hasPrefix("click"))
                if text.hasPrefix("    x-axis") {
                    let range = NSRange(text.startIndex..., in: text)
                    #expect(axis.firstMatch(in: text, range: range) != nil, "bad axis line: \(text)")
                }
            }
        }
        try Self.checkWithMermaid(markdown)
    }

    static func mermaidBlocks(_ markdown: String) -> [String] {
        markdown.components(separatedBy: "```mermaid\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
    }

    /// Parses every block with the real Mermaid library through scripts/check-report, when mermaidx is installed.
    static func checkWithMermaid(_ markdown: String) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/check-report").path
        guard let python = ExternalTool.find("python3"),
            try ExternalTool.run(python, ["-c", "import mermaidx"]).status == 0
        else {
            print("SKIPPED Mermaid parsing: python3 with mermaidx is not installed (pip install mermaidx)")
            return
        }
        // FLYWHEEL_REPORT_ARTIFACTS=DIR keeps the report and its chart PNGs there for a person to look at.
        let keep = ProcessInfo.processInfo.environment["FLYWHEEL_REPORT_ARTIFACTS"]
        let directory =
            keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("report-hostile-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        let report = directory.appendingPathComponent("hostile.md")
        try Data(markdown.utf8).write(to: report)
        let result = try ExternalTool.run(python, [script, report.path])
        #expect(result.status == 0, "check-report failed:\n\(result.error)")
    }
}
