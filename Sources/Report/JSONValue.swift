import Foundation

/// A minimal JSON document model whose serialisation is fully deterministic: object keys sorted, numbers
/// written from `Decimal` digits (never through a binary float), two-space indentation.
indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's JSON text, e.g. `"-12.5"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    static func decimal(_ value: Decimal?) -> JSONValue {
        guard let value, !value.isNaN else { return .null }
        return .number(value.description)
    }

    static func int(_ value: Int?) -> JSONValue {
        guard let value else { return .null }
        return .number(String(value))
    }

    static func text(_ value: String?) -> JSONValue {
        guard let value else { return .null }
        return .string(value)
    }

    func serialized() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): Self.quote(text, into: &out)
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += index < items.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            out += "{\n"
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += pad
                Self.quote(key, into: &out)
                out += ": "
                members[key]!.write(into: &out, indent: indent + 1)
                out += index < keys.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "}"
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Control characters and the line/paragraph separators (invalid in JavaScript strings) as \u.
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
