import Postgres
import Testing

@Suite("Connection strings")
struct ConnectionStringTests {
    @Test func replacesTheDatabaseOfAURL() {
        #expect(
            ConnectionString.replacingDatabase(in: "postgresql://u:p@h:5432/old?sslmode=disable", with: "new db")
                == "postgresql://u:p@h:5432/new%20db?sslmode=disable")
        #expect(ConnectionString.replacingDatabase(in: "postgres://h", with: "x") == "postgres://h/x")
    }

    @Test func appendsTheDatabaseToKeyValueConninfo() {
        #expect(
            ConnectionString.replacingDatabase(in: "host=/tmp port=1", with: "it's")
                == "host=/tmp port=1 dbname='it\\'s'")
        #expect(ConnectionString.replacingDatabase(in: "", with: "x") == "dbname='x'")
    }
}
