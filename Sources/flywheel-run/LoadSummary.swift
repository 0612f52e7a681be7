import Ingest

/// The per-file summary table printed after an ingest, and the exit status it implies.
enum LoadSummary {
    static func table(_ results: [FileLoadResult], dryRun: Bool) -> String {
        let header = ["file", "kind", "status", "read", "loaded", "duplicate", "quarantined"]
        var rows = results.map {
            [
                $0.fileName, $0.kind?.rawValue ?? "?", $0.status.rawValue, "\($0.rowsRead)", "\($0.rowsLoaded)",
                "\($0.rowsDuplicate)", "\($0.rowsQuarantined)",
            ]
        }
        rows.append([
            "total (\(results.count) files)", "", "", "\(results.map(\.rowsRead).reduce(0, +))",
            "\(results.map(\.rowsLoaded).reduce(0, +))", "\(results.map(\.rowsDuplicate).reduce(0, +))",
            "\(results.map(\.rowsQuarantined).reduce(0, +))",
        ])
        let widths = header.indices.map { column in
            max(header[column].count, rows.map { $0[column].count }.max() ?? 0)
        }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column >= 3 ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        var lines = [format(header)] + rows.map(format)
        for result in results where result.message != nil && result.status != .loaded {
            lines.append("\(result.fileName): \(result.status.rawValue): \(result.message!)")
        }
        for result in results where !result.ignoredColumns.isEmpty {
            lines.append("\(result.fileName): ignored columns: \(result.ignoredColumns.joined(separator: ", "))")
        }
        if dryRun { lines.append("dry run: nothing was written") }
        return lines.joined(separator: "\n")
    }

    static func oneLine(_ results: [FileLoadResult]) -> String {
        let loaded = results.filter { $0.status == .loaded }.count
        let rejected = results.filter { $0.status == .rejected || $0.status == .failed }.count
        return "\(results.count) file(s): \(loaded) loaded, \(rejected) rejected or failed; "
            + "\(results.map(\.rowsRead).reduce(0, +)) rows read, \(results.map(\.rowsQuarantined).reduce(0, +)) quarantined"
    }

    static func status(_ results: [FileLoadResult]) -> ExitStatus {
        if results.contains(where: { $0.status == .failed }) { return .failure }
        if results.contains(where: { $0.status == .rejected || $0.rowsQuarantined > 0 }) { return .dataWarnings }
        return .success
    }
}
