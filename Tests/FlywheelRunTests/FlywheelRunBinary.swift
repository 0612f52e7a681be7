import Foundation

/// Where the built `flywheel-run` executable is. The test target cannot depend on an executable target, so it is found
/// at run time: `FLYWHEEL_RUN_BINARY` when set, else beside the test bundle (`swift build --build-tests` and
/// `scripts/test` build both into the same folder), else `.build/debug` of this package.
enum FlywheelRunBinary {
    static let url: URL? = candidates().first { FileManager.default.isExecutableFile(atPath: $0.path) }

    static var notFound: String {
        "the flywheel-run executable was not found (looked at: "
            + candidates().map(\.path).joined(separator: ", ")
            + "); build it first: swift build --build-tests (scripts/test does), or set FLYWHEEL_RUN_BINARY"
    }

    static func candidates() -> [URL] {
        var urls: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["FLYWHEEL_RUN_BINARY"], !explicit.isEmpty {
            urls.append(URL(fileURLWithPath: explicit))
        }
        // Linux runs the tests in `<build>/debug/flywheelPackageTests.xctest` (an executable); macOS loads a bundle
        // `<build>/debug/flywheelPackageTests.xctest` into xctest. Either way the executable is its sibling.
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if executable.path != "/proc/self/exe" {
            urls.append(executable.deletingLastPathComponent().appendingPathComponent("flywheel-run"))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            urls.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("flywheel-run"))
        }
        urls.append(Bundle.main.bundleURL.appendingPathComponent("flywheel-run"))
        urls.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("flywheel-run"))
        urls.append(packageRoot.appendingPathComponent(".build/debug/flywheel-run"))
        return urls
    }

    /// The package folder (this file is `Tests/FlywheelRunTests/FlywheelRunBinary.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
