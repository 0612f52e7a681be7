import FlywheelTestSupport
import Foundation
import Postgres
import Testing

@Suite("COPY against the live server", .enabled(if: TestDatabase.isAvailable))
struct CopyTests {
    @Test func copiesAMillionRowsInAndOut() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (id bigint, name text)")
            let copied = try connection.copyIn("copy t from stdin") { writer in
                var line: [UInt8] = []
                for id in 0..<1_000_000 {
                    line.removeAll(keepingCapacity: true)
                    line.append(contentsOf: String(id).utf8)
                    line.append(contentsOf: "\tname\\t\(id % 7)\n".utf8)
                    try writer.write(line)
                }
            }
            #expect(copied == 1_000_000)
            #expect(try connection.scalar(Int64.self, "select sum(id) from t") == 499_999_500_000)
            #expect(try connection.scalar(String.self, "select name from t where id = 8") == "name\t1")
            var bytes = 0
            let out = try connection.copyOut("copy (select * from t where id < 10) to stdout") { bytes += $0.count }
            #expect(out == 10)
            #expect(bytes > 0)
        }
    }

    @Test func throwingWriterAbortsAndLeavesNothing() throws {
        struct WriterFailed: Error {}
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (id bigint)")
            #expect(throws: WriterFailed.self) {
                try connection.copyIn("copy t from stdin", flushThreshold: 16) { writer in
                    for id in 0..<1000 { try writer.write("\(id)\n") }
                    throw WriterFailed()
                }
            }
            #expect(try connection.scalar(Int.self, "select count(*) from t") == 0)
            // The connection is usable afterwards.
            #expect(try connection.scalar(Int.self, "select 1") == 1)
        }
    }

    @Test func serverErrorAtCopyEndIsThrown() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (id bigint primary key)")
            let error = try #require(throws: PostgresError.self) {
                try connection.copyIn("copy t from stdin") { writer in
                    try writer.write("1\n2\n1\n")
                }
            }
            #expect(error.sqlState == "23505")
            #expect(try connection.scalar(Int.self, "select count(*) from t") == 0)
        }
    }

    @Test func badDataIsAServerError() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (id bigint)")
            let error = try #require(throws: PostgresError.self) {
                try connection.copyIn("copy t from stdin") { writer in try writer.write("x\n") }
            }
            #expect(error.sqlState == "22P02")
        }
    }
}
