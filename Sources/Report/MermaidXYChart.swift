import Foundation

/// A Mermaid `xychart-beta` block. Labels from data go through `MarkdownEscaping.mermaidLabel`; numbers are
/// plain decimals; the colours come from a front-matter config that the renderer writes itself.
struct MermaidXYChart {
    enum Kind: String { case bar, line }

    var title: String
    var horizontal = false
    var xTitle: String?
    var xLabels: [String]
    var yTitle: String
    /// Fixed y-axis range (min, max); nil lets the chart start at 0 and end at a round number above the data.
    var yRange: (Decimal, Decimal)?
    var series: [(kind: Kind, values: [Decimal?])] = []
    /// Hex colours, one per series in order.
    var palette: [String] = []

    func render() -> String {
        let format = ReportFormatter(currency: "USD")
        var lines = ["```mermaid"]
        if !palette.isEmpty {
            lines += [
                "---", "config:", "  themeVariables:", "    xyChart:",
                "      plotColorPalette: \"\(palette.joined(separator: ", "))\"", "---",
            ]
        }
        lines.append(horizontal ? "xychart-beta horizontal" : "xychart-beta")
        lines.append("    title \"\(MarkdownEscaping.mermaidLabel(title, maxLength: 100))\"")
        let labels = xLabels.map { "\"\(MarkdownEscaping.mermaidLabel($0))\"" }.joined(separator: ", ")
        if let xTitle {
            lines.append("    x-axis \"\(MarkdownEscaping.mermaidLabel(xTitle, maxLength: 60))\" [\(labels)]")
        } else {
            lines.append("    x-axis [\(labels)]")
        }
        let (low, high) = yRange ?? Self.niceRange(series.flatMap { $0.values.compactMap { $0 } })
        lines.append(
            "    y-axis \"\(MarkdownEscaping.mermaidLabel(yTitle, maxLength: 60))\" "
                + "\(format.chartNumber(low)) --> \(format.chartNumber(high))")
        for (kind, values) in series {
            lines.append("    \(kind.rawValue) [\(values.map { format.chartNumber($0) }.joined(separator: ", "))]")
        }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    /// From min(0, data) to a round number at or above max(data): 1, 2, 2.5 or 5 times a power of ten.
    static func niceRange(_ values: [Decimal]) -> (Decimal, Decimal) {
        let high = values.max() ?? 0, low = values.min() ?? 0
        return (low < 0 ? -niceCeiling(-low) : 0, high > 0 ? niceCeiling(high) : 1)
    }

    static func niceCeiling(_ value: Decimal) -> Decimal {
        let double = NSDecimalNumber(decimal: value).doubleValue
        guard double > 0, double.isFinite else { return 1 }
        let power = pow(10, (log10(double)).rounded(.down))
        for step in [1.0, 2.0, 2.5, 5.0, 10.0] where step * power >= double * (1 - 1e-12) {
            return Decimal(string: String(format: "%.6g", step * power)) ?? value
        }
        return value
    }
}
