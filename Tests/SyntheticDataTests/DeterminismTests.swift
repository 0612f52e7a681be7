import Foundation
import Testing
import SyntheticData

@Suite("Determinism")
struct DeterminismTests {
    private func generate(_ options: GeneratorOptions) throws -> (URL, GeneratorSummary) {
        let directory = temporaryDirectory("det")
        return (directory, try SyntheticDataGenerator(options: options).write(to: directory))
    }

    private func contents(_ directory: URL, _ summary: GeneratorSummary) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for file in summary.files {
            result[file.name] = try Data(contentsOf: directory.appendingPathComponent(file.name))
        }
        return result
    }

    @Test("the same options give identical bytes in every file")
    func sameSeedSameBytes() throws {
        let options = GeneratorOptions(users: 300, months: 3, seed: 99, usageRows: 5_000)
        let (first, firstSummary) = try generate(options)
        let (second, secondSummary) = try generate(options)
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        #expect(firstSummary == secondSummary)
        let a = try contents(first, firstSummary)
        let b = try contents(second, secondSummary)
        #expect(a.count == firstSummary.files.count)
        for (name, data) in a {
            #expect(b[name] == data, "\(name) differs between two runs with the same seed")
        }
        // Only the final files are left (no .part leftovers).
        let listed = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(listed == firstSummary.files.map(\.name).sorted())
    }

    @Test("a different seed gives different users and usage")
    func differentSeedDifferentBytes() throws {
        let (first, firstSummary) = try generate(GeneratorOptions(users: 300, months: 3, seed: 1, usageRows: 5_000))
        let (second, secondSummary) = try generate(GeneratorOptions(users: 300, months: 3, seed: 2, usageRows: 5_000))
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let a = try contents(first, firstSummary)
        let b = try contents(second, secondSummary)
        #expect(a["users.csv"] != b["users.csv"])
        #expect(a["usage-2026-08.csv"] != b["usage-2026-08.csv"])
        // The catalogs do not depend on the seed.
        #expect(a["features.csv"] == b["features.csv"])
        #expect(a["model_prices.csv"] == b["model_prices.csv"])
    }

    @Test("months default to end with October 2026")
    func defaultMonths() throws {
        #expect(GeneratorOptions(months: 6).startMonth == YearMonth(year: 2026, month: 5))
        #expect(GeneratorOptions(months: 10).startMonth == YearMonth(year: 2026, month: 1))
        #expect(GeneratorOptions(months: 12).startMonth == YearMonth(year: 2025, month: 11))
        let (directory, summary) = try generate(GeneratorOptions(users: 50, months: 2, seed: 5))
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(summary.firstMonth == YearMonth(year: 2026, month: 9))
        #expect(summary.lastMonth == YearMonth(year: 2026, month: 10))
        #expect(summary.files.map(\.name).contains("usage-2026-09.csv"))
        #expect(summary.files.map(\.name).contains("feedback-2026-10.jsonl"))
    }

    @Test("invalid options are refused before anything is written")
    func invalidOptions() throws {
        let directory = temporaryDirectory("invalid")
        #expect(throws: GeneratorError.self) {
            _ = try SyntheticDataGenerator(options: GeneratorOptions(users: 0)).write(to: directory)
        }
        #expect(throws: GeneratorError.self) {
            _ = try SyntheticDataGenerator(options: GeneratorOptions(months: 0)).write(to: directory)
        }
        #expect(throws: GeneratorError.self) {
            _ = try SyntheticDataGenerator(options: GeneratorOptions(currencies: ["XYZ"])).write(to: directory)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}
