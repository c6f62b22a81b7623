import ArgumentParser
import Foundation
import Pipeline

/// `--clickhouse HOST:PORT`, `--clickhouse-database`, `--clickhouse-user`: the ClickHouse sink, shared by `replay`
/// and `process`. The password comes from `CLICKHOUSE_PASSWORD`, never from the command line.
struct ClickHouseOptions: ParsableArguments {
    @Option(help: "ClickHouse HTTP endpoint host:port to store into instead of SQLite.")
    var clickhouse: String?

    @Option(help: "ClickHouse database.")
    var clickhouseDatabase = "default"

    @Option(help: "ClickHouse user; the password comes from the CLICKHOUSE_PASSWORD environment variable.")
    var clickhouseUser: String?

    func validate() throws {
        if let clickhouse, EndpointArgument(clickhouse) == nil {
            throw ValidationError("--clickhouse '\(clickhouse)' is not host:port, e.g. 127.0.0.1:8123.")
        }
    }

    /// The endpoint, when `--clickhouse` was given.
    var endpoint: ClickHouseEndpoint? {
        guard let clickhouse, let address = EndpointArgument(clickhouse) else { return nil }
        return ClickHouseEndpoint(
            host: address.host,
            port: address.port,
            database: clickhouseDatabase,
            user: clickhouseUser,
            password: ProcessInfo.processInfo.environment["CLICKHOUSE_PASSWORD"]
        )
    }
}
