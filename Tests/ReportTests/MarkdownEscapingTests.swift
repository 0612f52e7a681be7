import Testing
@testable import Report

@Suite struct MarkdownEscapingTests {
    @Test func markdownSpecialsAreBackslashEscaped() {
        #expect(MarkdownEscaping.text("[x](javascript:alert(1))") == #"\[x\]\(javascript\:alert\(1\)\)"#)
        #expect(MarkdownEscaping.text("| pipes |") == #"\| pipes \|"#)
        #expect(MarkdownEscaping.text("<img src=x>") == #"\<img src\=x\>"#)
        #expect(MarkdownEscaping.text("```") == #"\`\`\`"#)
        #expect(MarkdownEscaping.text("image_gen") == #"image\_gen"#)
        #expect(MarkdownEscaping.text("a\\b") == #"a\\b"#)
    }

    @Test func emailAutolinksAreDefused() {
        #expect(MarkdownEscaping.text("foo@bar.com") == "foo\u{FF20}bar\\.com")
    }

    @Test func newlinesControlAndBidiBecomeSpaces() {
        #expect(MarkdownEscaping.text("line1\nline2\r\n\tend") == "line1 line2 end")
        #expect(MarkdownEscaping.text("\u{202E}evil\u{202C}\u{2066}x\u{2069}\u{200E}") == "evil x")
        #expect(MarkdownEscaping.text(" \n ") == "(blank)")
    }

    @Test func longNamesAreTruncatedWithAnEllipsis() {
        let long = String(repeating: "A", count: 500)
        #expect(MarkdownEscaping.text(long) == String(repeating: "A", count: 79) + "…")
        #expect(MarkdownEscaping.mermaidLabel(long) == String(repeating: "A", count: 23) + "…")
    }

    @Test func mermaidLabelsKeepASafeCharacterSet() {
        #expect(MarkdownEscaping.mermaidLabel("\"]; click A call evil()") == "click A call evil()")
        #expect(MarkdownEscaping.mermaidLabel("%%{init: {\"theme\": \"dark\"}}%%") == "init theme dark")
        #expect(MarkdownEscaping.mermaidLabel("a:::bottleneck") == "a bottleneck")
        #expect(MarkdownEscaping.mermaidLabel("x#quot;y`z<br>") == "x quot y z br")
        #expect(MarkdownEscaping.mermaidLabel("café 日本語 v1.2-beta_3") == "café 日本語 v1.2-beta_3")
    }
}
