import Foundation
import Testing

@testable import Ingest

@Suite("Throughput (measured, not asserted)")
struct ThroughputTests {
    /// Prints rows/s for a generated usage CSV. NOT a timed assertion: debug builds and a busy machine make
    /// any time limit meaningless here; the release figure is measured separately (see the ingest report).
    @Test func measuresUsageCSVThroughput() throws {
        let rows = 20_000
        var text = usageHeader
        for i in 0..<rows {
            text +=
                "evt-\(i),user-\(i % 1000),2026-11-\(10 + i % 19)T10:0\(i % 10):00.\(i % 1000)Z,chat,gpt-4o-mini,"
                + "\(i % 5000),\(i % 700),\(i % 100),0.00\(i % 997),USD\n"
        }
        let bytes = Array(text.utf8)
        let clock = ContinuousClock()
        var batch = CopyBatch()
        let elapsed = try clock.measure {
            let reader = try IngestFileReader(bytes: bytes, fileName: "usage.csv")
            batch = try reader.readAll()
        }
        #expect(batch.rowCount == rows)
        #expect(batch.rejections.isEmpty)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("ingest throughput (not asserted): \(Int(Double(rows) / max(seconds, 1e-9))) usage rows/s")
    }
}
