import Foundation

/// Runs helper programs (cmark-gfm, python3) from tests; nil when the program is not installed.
enum ExternalTool {
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input; returns (status, stdout, stderr).
    static func run(_ executable: String, _ arguments: [String], input: String = "") throws
        -> (status: Int32, output: String, error: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read concurrently so a large document cannot deadlock on full pipe buffers.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self)
        )
    }

    /// Markdown → HTML the way GitHub renders it (tables, autolinks, strikethrough), raw HTML passed through so a
    /// test can see it. cmark-gfm (apt: cmark-gfm) first, else Python's markdown-it-py (pip: markdown-it-py).
    static func markdownToHTML(_ markdown: String) throws -> String? {
        if let cmark = find("cmark-gfm") {
            let result = try run(
                cmark,
                ["--unsafe", "--extension", "table", "--extension", "autolink", "--extension", "strikethrough"],
                input: markdown)
            return result.status == 0 ? result.output : nil
        }
        if let python = find("python3") {
            let script = """
                import sys
                from markdown_it import MarkdownIt
                md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
                sys.stdout.write(md.render(sys.stdin.read()))
                """
            let result = try run(python, ["-c", script], input: markdown)
            return result.status == 0 ? result.output : nil
        }
        return nil
    }
}
