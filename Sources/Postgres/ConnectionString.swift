import Foundation

/// Small pure helpers over libpq connection strings (URL or `key=value` form).
public enum ConnectionString {
    /// The same connection string aimed at another database.
    public static func replacingDatabase(in conninfo: String, with database: String) -> String {
        if conninfo.hasPrefix("postgres://") || conninfo.hasPrefix("postgresql://") {
            let schemeEnd = conninfo.range(of: "://")!.upperBound
            let rest = conninfo[schemeEnd...]
            let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
            let authority = rest[..<queryStart]
            let hostPart = authority.firstIndex(of: "/").map { authority[..<$0] } ?? authority
            let encoded = database.addingPercentEncodingForPath()
            return String(conninfo[..<schemeEnd]) + hostPart + "/" + encoded + rest[queryStart...]
        }
        let escaped = database.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return (conninfo.isEmpty ? "" : conninfo + " ") + "dbname='\(escaped)'"
    }
}

extension String {
    fileprivate func addingPercentEncodingForPath() -> String {
        var result = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                result.append(Character(UnicodeScalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
