import Foundation
import Ingest

/// The files an ingest reads: files named directly and the files of named folders (not recursive), without those
/// still being written (dot files, `.tmp`, `.part`, `.partial`), in byte order of their names.
public enum InputFiles {
    public struct UnknownKind: Error, CustomStringConvertible {
        public var fileName: String
        public var description: String {
            "\(fileName): unknown kind: the name must start with one of "
                + IngestKind.allCases.map(\.rawValue).joined(separator: ", ")
                + " followed by -, _, . or the end (or pass --kind)"
        }
    }

    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path): no such file or folder" }
    }

    /// Lists the files to read. `inside`: when set, every file must resolve (symlinks included) inside that folder.
    public static func collect(_ paths: [String], inside root: String? = nil) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Missing(path: path)
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                // In a folder only data files count (a README beside them is not an input).
                for name in names where !IngestKind.isIgnoredFileName(name) && FileFormat.detect(fileName: name) != nil
                {
                    let full = (path as NSString).appendingPathComponent(name)
                    var childIsDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: full, isDirectory: &childIsDirectory),
                        !childIsDirectory.boolValue
                    {
                        files.append(full)
                    }
                }
            } else if !IngestKind.isIgnoredFileName((path as NSString).lastPathComponent) {
                files.append(path)
            }
        }
        if let root {
            let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().standardizedFileURL.path
            for file in files {
                let resolved = URL(fileURLWithPath: file).resolvingSymlinksInPath().standardizedFileURL.path
                guard resolved.hasPrefix(resolvedRoot + "/") else {
                    throw OutsideInbox(path: file)
                }
            }
        }
        return files.sorted {
            let left = Array(($0 as NSString).lastPathComponent.utf8)
            let right = Array(($1 as NSString).lastPathComponent.utf8)
            return left == right
                ? Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
                : left.lexicographicallyPrecedes(right)
        }
    }

    /// Checks every file has a kind (or `explicit` is given) before anything is loaded.
    public static func checkKinds(_ files: [String], explicit: IngestKind?) throws {
        guard explicit == nil else { return }
        for file in files where IngestKind.detect(fileName: (file as NSString).lastPathComponent) == nil {
            throw UnknownKind(fileName: (file as NSString).lastPathComponent)
        }
    }

    public struct OutsideInbox: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path): resolves outside the inbox (symlink or ..): refused" }
    }
}
