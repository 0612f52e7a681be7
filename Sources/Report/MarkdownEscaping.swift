import Foundation

/// Makes text that comes from input data (feature, plan, model, channel, file names, finding details) safe to
/// put into the report: it renders as the same visible text and can never open a link, an image, raw HTML, a
/// code fence, a table cell boundary, emphasis, math or a Mermaid directive.
public enum MarkdownEscaping {
    /// Longest name shown in a table cell or sentence, in characters; longer names end in "…".
    public static let maxTextLength = 80
    /// Longest label in a Mermaid chart.
    public static let maxLabelLength = 24

    /// ASCII punctuation that is special somewhere in GitHub-flavoured Markdown (emphasis, links, images,
    /// HTML, entities, code spans, tables, headings, lists, strikethrough, autolinks via `.` and `:`, math
    /// via `$`). CommonMark lets any ASCII punctuation be backslash-escaped, so escaping too much is harmless.
    static let escaped: Set<Character> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "<", ">", "~", "&", ":",
        "$", "=", "\"", "'", "^",
    ]

    /// Escapes `raw` for a Markdown paragraph, list item or table cell (the same text works in all three).
    public static func text(_ raw: String, maxLength: Int = maxTextLength) -> String {
        let cleaned = truncate(clean(raw), to: maxLength)
        var out = ""
        out.reserveCapacity(cleaned.utf8.count + 8)
        for character in cleaned {
            if escaped.contains(character) {
                out.append("\\")
                out.append(character)
            } else if character == "@" {
                // GFM turns `a@b.c` into a mailto link even when every dot is escaped: use the full-width at sign.
                out.append("\u{FF20}")
            } else {
                out.append(character)
            }
        }
        return out.isEmpty ? "(blank)" : out
    }

    /// A label for a Mermaid diagram, to be put between double quotes: letters, digits, spaces and `-_./+(),`
    /// only, so no quote, `#` entity, `%%` directive, `:::` class, backtick, `;` or `<` can appear.
    public static func mermaidLabel(_ raw: String, maxLength: Int = maxLabelLength) -> String {
        var out = ""
        for scalar in clean(raw).unicodeScalars {
            out.unicodeScalars.append(isMermaidSafe(scalar) ? scalar : " ")
        }
        let label = truncate(collapseSpaces(out), to: maxLength)
        return label.isEmpty ? "(blank)" : label
    }

    /// Replaces `$` in text the renderer wrote itself (money) so GitHub does not read `$…$` as math.
    static func dollars(_ text: String) -> String {
        text.replacingOccurrences(of: "$", with: "\\$")
    }

    /// Newlines, control, format (bidi overrides, zero-width) and separator characters become spaces; runs of
    /// white space collapse to one; the ends are trimmed.
    static func clean(_ raw: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(raw.unicodeScalars.count)
        for scalar in raw.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned:
                out.unicodeScalars.append(" ")
            default:
                out.unicodeScalars.append(scalar.properties.isWhitespace ? " " : scalar)
            }
        }
        return collapseSpaces(out)
    }

    static func collapseSpaces(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func truncate(_ text: String, to maxLength: Int) -> String {
        guard text.count > maxLength else { return text }
        let kept = text.prefix(max(1, maxLength - 1)).trimmingCharacters(in: .whitespaces)
        return kept + "…"
    }

    static func isMermaidSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .decimalNumber:
            return true
        default:
            return " -_./+(),".unicodeScalars.contains(scalar)
        }
    }
}
