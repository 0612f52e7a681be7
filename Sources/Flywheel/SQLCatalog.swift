/// The project's SQL, grouped as the migrator and compute use it.
public enum SQLCatalog {
    /// Ordered, immutable migrations (`sql/migrations/NNNN_name.sql`), by file name.
    public static var migrations: [(name: String, contents: String)] { files(in: "migrations/") }
    /// `create or replace` views, re-applied on every migrate, by file name.
    public static var views: [(name: String, contents: String)] { files(in: "views/") }
    /// Compute steps, run in file-name order inside one transaction.
    public static var computeSteps: [(name: String, contents: String)] { files(in: "compute/") }

    static func files(in folder: String) -> [(name: String, contents: String)] {
        EmbeddedSQL.files
            .filter { $0.path.hasPrefix(folder) }
            .map { (name: String($0.path.dropFirst(folder.count)), contents: $0.contents) }
            .sorted { $0.name < $1.name }
    }
}
