import Foundation
import SyntheticData

/// One data set generated once per test process and shared by the suites that only read it.
struct GeneratedDataset: Sendable {
    static let options = GeneratorOptions(
        users: 1_500, months: 6, seed: 2_024, usageRows: 40_000, currencies: ["EUR", "GBP", "JPY"])

    static let shared: GeneratedDataset = {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("synthetic-shared-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        let summary = try! SyntheticDataGenerator(options: options).write(to: directory)
        return GeneratedDataset(directory: directory, summary: summary)
    }()

    let directory: URL
    let summary: GeneratorSummary

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    func csv(_ name: String) throws -> CSVTable { try CSVTable(contentsOf: url(name)) }

    func files(prefix: String) -> [String] {
        summary.files.map(\.name).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Every usage row of every month file, in file order.
    func usageRecords() throws -> [[String: String]] {
        try files(prefix: "usage-").flatMap { try csv($0).records }
    }

    /// Every feedback object of every month file.
    func feedbackObjects() throws -> [[String: Any]] {
        var objects: [[String: Any]] = []
        for name in files(prefix: "feedback-") {
            let text = try String(contentsOf: url(name), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
                objects.append(object as! [String: Any])
            }
        }
        return objects
    }
}

/// A fresh temporary directory for one test.
func temporaryDirectory(_ label: String) -> URL {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("synthetic-\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
}
