import Foundation

/// Reads a file's batches on a thread of its own, so parsing, validation and key hashing overlap with the server
/// working through the previous batch (the loader's thread mostly waits on the socket). At most `depth` batches
/// wait in memory.
///
/// The reader and splitter belong to the worker thread until `next()` has returned nil or `stop()` returned.
final class BatchPrefetcher: @unchecked Sendable {
    /// What the splitter makes of each batch (see `DirectCopySplitter`).
    enum Mode {
        case split, stage, narrow, pick
    }

    /// A batch read by the worker, with what the loader needs for progress.
    struct Item {
        var batch: CopyBatch
        /// The COPY data for the segment's statement.
        var output: [UInt8] = []
        /// Rows set aside for the staging table (`split`, `narrow`).
        var repeats: [UInt8] = []
        var bytesRead: Int64
        var rowsRead: Int
        var isLast: Bool
    }

    private let reader: IngestFileReader
    private let splitter: DirectCopySplitter
    private let mode: Mode
    private let depth: Int
    private let batchBytes: Int
    private let condition = NSCondition()
    private var queue: [Item] = []
    private var failure: IngestError?
    private var done = false
    private var stopping = false
    private var workerExited = false

    init(reader: IngestFileReader, splitter: DirectCopySplitter, mode: Mode, batchBytes: Int, depth: Int = 3) {
        self.batchBytes = batchBytes
        self.reader = reader
        self.splitter = splitter
        self.mode = mode
        self.depth = depth
        let thread = Thread { [self] in work() }
        thread.name = "flywheel-ingest-reader"
        thread.start()
    }

    deinit { stop() }

    private func work() {
        while true {
            var item = Item(batch: CopyBatch(), bytesRead: 0, rowsRead: 0, isLast: false)
            do {
                try reader.readBatch(into: &item.batch, targetBytes: batchBytes)
            } catch {
                condition.lock()
                failure = error
                workerExited = true
                condition.broadcast()
                condition.unlock()
                return
            }
            Self.route(&item, splitter: splitter, mode: mode)
            item.bytesRead = reader.bytesRead
            item.rowsRead = reader.rowsRead
            item.isLast = reader.isFinished
            condition.lock()
            while queue.count >= depth && !stopping { condition.wait() }
            if stopping {
                workerExited = true
                condition.broadcast()
                condition.unlock()
                return
            }
            queue.append(item)
            if item.isLast {
                done = true
                workerExited = true
            }
            condition.broadcast()
            condition.unlock()
            if item.isLast { return }
        }
    }

    /// Runs the splitter's `mode` on the item's batch.
    static func route(_ item: inout Item, splitter: DirectCopySplitter, mode: Mode) {
        switch mode {
        case .split: splitter.split(item.batch.data, direct: &item.output, repeats: &item.repeats)
        case .stage: splitter.stage(item.batch.data, into: &item.output)
        case .narrow: splitter.narrow(item.batch.data, into: &item.output, repeats: &item.repeats)
        case .pick: splitter.pick(item.batch.data, into: &item.output)
        }
    }

    /// The next batch in file order; nil once the last one was handed out. Rethrows the reader's error.
    func next() throws(IngestError) -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && failure == nil && !done { condition.wait() }
        if !queue.isEmpty {
            let item = queue.removeFirst()
            condition.broadcast()
            return item
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the worker (after its current batch) and waits for it, so the reader may be used again.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !workerExited { condition.wait() }
        condition.unlock()
    }
}
