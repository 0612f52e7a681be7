import Foundation

extension ReportRenderer {
    /// SPEC 5.7: what was loaded, what was held back and why, restated months, freshness, all checks.
    func dataQualitySection(_ model: ReportModel) -> String {
        let quality = model.data.dataQuality
        let ingest = quality.ingest
        var lines = ["## 7. Data quality", "", "### Files and rows", ""]
        let files = ingest.filesLoaded + ingest.filesSkipped + ingest.filesRejected + ingest.filesFailed
        if files == 0 {
            lines.append("No files have been loaded yet.")
            lines.append("")
        } else {
            lines.append(
                "- \(plural(model, ingest.filesLoaded, "file")) loaded, \(count(model, ingest.filesSkipped)) skipped "
                    + "(the same bytes were loaded before), \(count(model, ingest.filesRejected)) rejected "
                    + "(too many bad rows), \(count(model, ingest.filesFailed)) failed.")
            if !ingest.rejectedFiles.isEmpty {
                lines.append("- Rejected: " + fileList(ingest.rejectedFiles) + ".")
            }
            if !ingest.failedFiles.isEmpty {
                lines.append("- Failed: " + fileList(ingest.failedFiles) + ".")
            }
            lines.append("")
            var rows = MarkdownTable([
                ("Rows read", .right), ("Loaded", .right), ("Duplicates (already stored)", .right),
                ("Quarantined", .right),
            ])
            rows.add([
                exact(model, ingest.rowsRead), exact(model, ingest.rowsLoaded), exact(model, ingest.rowsDuplicate),
                exact(model, ingest.rowsQuarantined),
            ])
            lines.append(rows.render())
        }

        lines += ["### Quarantined rows by reason", ""]
        let reasons = ingest.quarantinedByReason.filter { $0.rows > 0 }.sorted {
            $0.rows != $1.rows ? $0.rows > $1.rows : $0.reason < $1.reason
        }
        if reasons.isEmpty {
            lines.append("No row was quarantined.")
            lines.append("")
        } else {
            lines.append(
                "Quarantined rows were kept aside, not counted; `flywheel-run quarantine` lists them for fixing.")
            lines.append("")
            var table = MarkdownTable([("Reason", .left), ("Rows", .right)])
            for reason in reasons { table.add([esc(reason.reason), exact(model, reason.rows)]) }
            lines.append(table.render())
        }

        lines += ["### Missing prices or exchange rates", ""]
        let missing = model.findings.filter {
            ($0.checkName.contains("price") || $0.checkName.contains("fx")) && $0.severity != "info"
        }
        if missing.isEmpty {
            lines.append("None: every call had a price and every amount an exchange rate.")
        } else {
            lines.append("These were left out of the sums (never counted as zero):")
            lines.append("")
            for finding in missing {
                let rows = finding.affectedRows.map { " (\(plural(model, $0, "row")))" } ?? ""
                lines.append("- \(esc(finding.detail, maxLength: 300))\(rows)")
            }
        }
        lines.append("")

        lines += ["### Restated months", ""]
        let restated = quality.restatedMonths.sorted()
        if restated.isEmpty {
            lines.append("None: no late event changed a month reported before.")
        } else {
            lines.append(
                "Late events changed these months since the last report: "
                    + restated.map(\.description).joined(separator: ", ") + ".")
        }
        lines.append("")

        lines += ["### Data freshness", ""]
        if quality.freshness.isEmpty {
            lines.append("No events stored yet.")
            lines.append("")
        } else {
            var table = MarkdownTable([
                ("Data", .left), ("Newest event (\(esc(model.data.settings.reportingTimezone)))", .right),
                ("Age at data as-of", .right),
            ])
            for item in quality.freshness.sorted(by: { $0.kind < $1.kind }) {
                table.add([
                    esc(item.kind), model.format.timestamp(item.newestEventAt, timeZone: model.timeZone),
                    model.format.age(of: item.newestEventAt, before: model.data.settings.asOf),
                ])
            }
            lines.append(table.render())
        }

        lines += ["### All checks", ""]
        if model.findings.isEmpty {
            lines.append("No checks reported anything.")
        } else {
            var table = MarkdownTable([("Severity", .left), ("Check", .left), ("Detail", .left), ("Rows", .right)])
            for finding in model.findings {
                table.add([
                    severityLabel(finding.severity), esc(finding.checkName), esc(finding.detail, maxLength: 300),
                    finding.affectedRows.map { count(model, $0) } ?? "",
                ])
            }
            lines.append(table.render())
        }
        return lines.joined(separator: "\n")
    }

    func severityLabel(_ severity: String) -> String {
        switch severity {
        case "error": return "🔴 error"
        case "warning": return "🟠 warning"
        case "info": return "🔵 info"
        default: return esc(severity)
        }
    }

    /// Exact counts: data quality is about individual rows, so 1,248,000 must not read as 1.2M.
    func exact(_ model: ReportModel, _ value: Int) -> String {
        ReportFormatter.fixed(Decimal(value), scale: 0, grouping: true)
    }

    func plural(_ model: ReportModel, _ value: Int, _ noun: String) -> String {
        "\(exact(model, value)) \(noun)\(value == 1 ? "" : "s")"
    }

    /// At most ten names, escaped.
    func fileList(_ names: [String]) -> String {
        let shown = names.sorted().prefix(10).map { esc($0) }.joined(separator: ", ")
        return names.count > 10 ? shown + " and \(names.count - 10) more" : shown
    }
}
