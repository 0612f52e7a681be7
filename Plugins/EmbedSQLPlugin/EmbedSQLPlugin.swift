import Foundation
import PackagePlugin

/// Generates `EmbeddedSQL.swift` from the package's `sql/` folder at build time, so the installed binary carries its
/// SQL (cron runs it from any folder) while `sql/` stays the one readable source.
@main
struct EmbedSQLPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let sqlDirectory = context.package.directoryURL.appending(path: "sql")
        var inputs: [URL] = []
        for folder in ["migrations", "views", "compute"] {
            let url = sqlDirectory.appending(path: folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            inputs += names.filter { $0.hasSuffix(".sql") }.sorted().map { url.appending(path: $0) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        return [
            .buildCommand(
                displayName: "Embedding sql/ into the binary",
                executable: try context.tool(named: "embed-sql").url,
                arguments: [sqlDirectory.path, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
