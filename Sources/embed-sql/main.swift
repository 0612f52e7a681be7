import Foundation

// embed-sql SQL_DIR OUTPUT: writes a Swift file holding every .sql file of SQL_DIR/{migrations,views,compute}.
// Run by the EmbedSQLPlugin build tool; each file's text becomes a string literal, byte for byte.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: embed-sql SQL_DIR OUTPUT\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1])
var files: [(path: String, contents: String)] = []
for folder in ["compute", "migrations", "views"] {
    let directory = root.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for name in names.filter({ $0.hasSuffix(".sql") }) {
        let contents = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        files.append((folder + "/" + name, contents))
    }
}
files.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }

/// A Swift string literal with the exact text (escapes for backslash, quote, newline, CR, tab, other controls).
func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

var source = "// Generated at build time by the EmbedSQLPlugin from sql/. Do not edit.\n\n"
source += "/// The SQL files of sql/, embedded in the binary: (path relative to sql/, contents), in path order.\n"
source += "enum EmbeddedSQL {\n    static let files: [(path: String, contents: String)] = [\n"
for file in files {
    source += "        (\(literal(file.path)), \(literal(file.contents))),\n"
}
source += "    ]\n}\n"
try source.write(to: URL(fileURLWithPath: arguments[2]), atomically: true, encoding: .utf8)
