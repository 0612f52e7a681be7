// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "flywheel",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "flywheel-run", targets: ["flywheel-run"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPostgres",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "Postgres",
            dependencies: ["CPostgres", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Ingest",
            dependencies: [
                "CZlib", "Postgres",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SyntheticData", dependencies: ["Postgres"]),
        .target(name: "Report"),
        .executableTarget(name: "embed-sql"),
        .plugin(name: "EmbedSQLPlugin", capability: .buildTool(), dependencies: ["embed-sql"]),
        .target(
            name: "Flywheel",
            dependencies: [
                "Postgres", "Ingest", "Report",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedSQLPlugin"]
        ),
        .executableTarget(
            name: "flywheel-run",
            dependencies: [
                "Flywheel", "Ingest", "Postgres", "SyntheticData", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "FlywheelTestSupport"]),
        .target(name: "FlywheelTestSupport", dependencies: ["Postgres"], path: "Tests/FlywheelTestSupport"),
        .testTarget(name: "IngestTests", dependencies: ["Ingest"]),
        .testTarget(name: "SyntheticDataTests", dependencies: ["SyntheticData"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"], exclude: ["Golden"]),
        .testTarget(
            name: "FlywheelTests",
            dependencies: ["Flywheel", "Ingest", "Postgres", "SyntheticData", "Report", "FlywheelTestSupport"],
            exclude: ["Golden"]),
        .testTarget(name: "FlywheelRunTests", dependencies: ["Postgres", "FlywheelTestSupport"]),
    ]
)

// One settings loop for every Swift target (as swift-log does): Swift 6 language mode, strict checks.
for target in package.targets where target.type != .system && target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
