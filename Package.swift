// swift-tools-version:6.0
import PackageDescription

// Layers follow DESIGN.md: C system libraries → clients (Kafka, Redis, SQLite) → … → CLI.
// A lower layer never imports a higher one.
let package = Package(
    name: "harness",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "harness", targets: ["harness"]),
        .executable(name: "harness-bench", targets: ["HarnessBenchmarks"]),
        .library(name: "Kafka", targets: ["Kafka"]),
        .library(name: "Redis", targets: ["Redis"]),
        .library(name: "SQLite", targets: ["SQLite"]),
        .library(name: "MarketData", targets: ["MarketData"]),
        .library(name: "Capture", targets: ["Capture"]),
        .library(name: "Feed", targets: ["Feed"]),
        .library(name: "ClickHouse", targets: ["ClickHouse"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "Validation", targets: ["Validation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // HdrHistogram: the stage latency histograms (DESIGN.md, "Tracing and metrics").
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        // Yams: scenario files are YAML, read with line and column for every error.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Layer 1: C system libraries, installed from Debian packages by `.ci/setup`.
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // Layer 2: clients that own the C handles and expose Swift types only.
        .target(name: "SystemSupport"),
        .target(name: "Kafka", dependencies: ["CRdKafka"]),
        .target(name: "Redis", dependencies: ["CHiredis", "SystemSupport"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "ClickHouse", dependencies: ["SystemSupport"]),

        // Layer 3: market data. Pure code, no I/O: the IQFeed line codec, prices, order books.
        .target(name: "MarketData"),

        // Layer 4: capture files (record and stream raw feed lines) and the LOBSTER import.
        .target(name: "Capture", dependencies: ["MarketData", "SQLite", "SystemSupport"]),

        // Layer 5: the feed: the live IQFeed client and the simulator that serves a capture over the same protocol.
        .target(name: "Feed", dependencies: ["MarketData", "Capture", "SystemSupport"]),

        // Layer 6: the pipeline: source → Kafka → processors → sinks and Redis, orchestration, tracing, health.
        .target(
            name: "Pipeline",
            dependencies: [
                "Kafka", "Redis", "SQLite", "ClickHouse", "MarketData", "Capture", "Feed", "SystemSupport",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),

        // Layer 7: validation: scenario files, the fault timeline, checks, thresholds, the runner and its reports.
        .target(
            name: "Validation",
            dependencies: [
                "Pipeline", "Capture", "Kafka", "Redis", "SystemSupport", .product(name: "Yams", package: "Yams"),
            ]
        ),

        // Layer 9: the command line. The executable is a one-liner over HarnessCLI.
        .target(
            name: "HarnessCLI",
            dependencies: [
                "Kafka",
                "MarketData",
                "Capture",
                "Feed",
                "Pipeline",
                "Validation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "harness", dependencies: ["HarnessCLI"]),

        // Benchmarks: run in release mode, see README "Performance". The C reference is the plain librdkafka
        // program the Swift Kafka layer is compared with in the same run.
        .target(name: "CRdKafkaReference", dependencies: ["CRdKafka"]),
        .executableTarget(
            name: "HarnessBenchmarks",
            dependencies: [
                "Kafka",
                "MarketData",
                "Capture",
                "Feed",
                "Pipeline",
                "Validation",
                "SystemSupport",
                "CRdKafkaReference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "KafkaTests", dependencies: ["Kafka"]),
        .testTarget(name: "RedisTests", dependencies: ["Redis", "SystemSupport"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "ClickHouseTests", dependencies: ["ClickHouse", "SystemSupport"]),
        .testTarget(name: "MarketDataTests", dependencies: ["MarketData", "SystemSupport"]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "MarketData", "SQLite", "SystemSupport"]),
        .testTarget(name: "FeedTests", dependencies: ["Feed", "Capture", "MarketData", "SystemSupport"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Pipeline", "Kafka", "Redis", "SQLite", "ClickHouse", "MarketData", "Capture", "SystemSupport",
            ]
        ),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "Pipeline", "Capture", "ClickHouse"]),
        .testTarget(name: "HarnessCLITests", dependencies: ["HarnessCLI"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["harness", "Kafka", "Capture", "MarketData", "SQLite", "SystemSupport"]
        ),
    ]
)
