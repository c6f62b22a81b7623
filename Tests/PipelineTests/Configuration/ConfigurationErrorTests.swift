import Foundation
import Testing

@testable import Pipeline

@Suite("PipelineConfiguration errors")
struct ConfigurationErrorTests {
    @Test("a missing file is its own error, naming the file")
    func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).json")
            .path
        let error = #expect(throws: ConfigurationError.self) {
            try PipelineConfiguration.load(path: path, environment: [:])
        }
        #expect(error == ConfigurationError(file: path, kind: .fileNotFound))
        #expect(error?.description == "configuration file \(path) not found")
    }

    @Test("a folder is unreadable, not missing")
    func folder() throws {
        let file = try ConfigurationFile("{}")
        let error = #expect(throws: ConfigurationError.self) {
            try PipelineConfiguration.load(path: file.folder.path, environment: [:])
        }
        #expect(
            error == ConfigurationError(file: file.folder.path, kind: .unreadable(reason: "it is a folder, not a file"))
        )
        #expect(
            error?.description == "configuration file \(file.folder.path) cannot be read: it is a folder, not a file"
        )
    }

    @Test("invalid JSON gives the line and column of the problem")
    func invalidJSON() throws {
        let file = try ConfigurationFile("{\n  \"symbols\": [\"AAPL\"],\n  \"kafka\": fast\n}\n")
        let error = file.loadError()
        #expect(error?.kind == .invalidJSON(line: 3, column: 14, reason: "Invalid value"))
        #expect(
            error?.description
                == "configuration file \(file.path) is not valid JSON at line 3, column 14: Invalid value"
        )
    }

    @Test("an empty or cut-off file is invalid JSON at its end")
    func truncated() throws {
        #expect(
            try ConfigurationFile("").loadError()?.kind
                == .invalidJSON(line: 1, column: 1, reason: "Unexpected end of file during JSON parse")
        )
        #expect(
            try ConfigurationFile("{\n  \"kafka\": {\"linger_ms\": 5\n").loadError()?.kind
                == .invalidJSON(line: 3, column: 1, reason: "Unexpected end of file during JSON parse")
        )
    }

    @Test("a file that is not an object says so for the top level")
    func notAnObject() throws {
        let file = try ConfigurationFile(#"["AAPL"]"#)
        let error = file.loadError()
        #expect(error?.kind == .invalidValue(keyPath: "", expected: "an object", found: "a list"))
        #expect(
            error?.description == "configuration file \(file.path): the top level: expected an object, found a list"
        )
    }

    @Test(
        "a wrong value names its key path, what was expected and what was found",
        arguments: [
            (
                #"{"kafka": {"linger_ms": "fast"}}"#, "kafka.linger_ms", "a number of milliseconds (0 or more)",
                #""fast""#
            ),
            (#"{"kafka": {"linger_ms": -1}}"#, "kafka.linger_ms", "a number of milliseconds (0 or more)", "-1"),
            (#"{"kafka": {"batch_size": 1.5}}"#, "kafka.batch_size", "a whole number of bytes (1 or more)", "1.5"),
            (
                #"{"kafka": {"compression_type": "fast"}}"#, "kafka.compression_type",
                "one of none, gzip, snappy, lz4, zstd", #""fast""#
            ),
            (#"{"iqfeed": {"port": 70000}}"#, "iqfeed.port", "a port number (1 to 65535)", "70000"),
            (#"{"iqfeed": {"host": true}}"#, "iqfeed.host", "a string", "true"),
            (#"{"iqfeed": []}"#, "iqfeed", "an object", "a list"),
            (#"{"symbols": "AAPL"}"#, "symbols", "a list of strings", #""AAPL""#),
            (#"{"symbols": ["AAPL", ""]}"#, "symbols[1]", #"a symbol such as "AAPL""#, #""""#),
            (#"{"symbols": ["AAPL", 7]}"#, "symbols[1]", "a string", "7"),
            (
                #"{"performance": {"startup_timeout_seconds": 0}}"#, "performance.startup_timeout_seconds",
                "a number of seconds (above 0, at most 86400)", "0"
            ),
            (
                #"{"alerts": {"alert_thresholds": {"health_score_min": 101}}}"#,
                "alerts.alert_thresholds.health_score_min", "a whole number (0 to 100)", "101"
            ),
            (
                #"{"alerts": {"alert_thresholds": {"error_rate_max_percent": "1%"}}}"#,
                "alerts.alert_thresholds.error_rate_max_percent", "a percentage (0 to 100)", #""1%""#
            ),
        ]
    )
    func invalidValue(json: String, keyPath: String, expected: String, found: String) throws {
        let file = try ConfigurationFile(json)
        let error = file.loadError()
        #expect(error?.kind == .invalidValue(keyPath: keyPath, expected: expected, found: found))
        #expect(
            error?.description == "configuration file \(file.path): \(keyPath): expected \(expected), found \(found)"
        )
    }

    @Test("a long string is cut in the message")
    func longFoundValue() throws {
        let long = String(repeating: "x", count: 60)
        let error = try ConfigurationFile(#"{"kafka": {"compression_type": "\#(long)"}}"#).loadError()
        let cut = "\"" + String(repeating: "x", count: 40) + "…\""
        #expect(
            error?.kind
                == .invalidValue(
                    keyPath: "kafka.compression_type",
                    expected: "one of none, gzip, snappy, lz4, zstd",
                    found: cut
                )
        )
    }

    @Test("a missing environment variable names the key and the variable")
    func missingVariable() throws {
        let file = try ConfigurationFile(#"{"clickhouse": {"password": "${CLICKHOUSE_PASSWORD}"}}"#)
        let error = file.loadError(environment: ["OTHER": "x"])
        #expect(
            error?.kind == .missingEnvironmentVariable(keyPath: "clickhouse.password", variable: "CLICKHOUSE_PASSWORD")
        )
        #expect(
            error?.description
                == "configuration file \(file.path): clickhouse.password is ${CLICKHOUSE_PASSWORD} but the environment "
                + "variable CLICKHOUSE_PASSWORD is not set"
        )
    }

    @Test("a password of the wrong type is described by its kind only, never its value")
    func secretNeverInErrors() throws {
        let number = try ConfigurationFile(#"{"iqfeed": {"password": 918273645}}"#).loadError()
        #expect(number?.kind == .invalidValue(keyPath: "iqfeed.password", expected: "a string", found: "a number"))
        #expect(number?.description.contains("918273645") == false)
        let list = try ConfigurationFile(#"{"clickhouse": {"password": ["s3cret-in-list"]}}"#).loadError()
        #expect(list?.description.contains("s3cret") == false)
        let bool = try ConfigurationFile(#"{"clickhouse": {"password": true}}"#).loadError()
        #expect(bool?.kind == .invalidValue(keyPath: "clickhouse.password", expected: "a string", found: "a boolean"))
    }

    @Test("an error elsewhere in a file with passwords does not show them")
    func errorsElsewhereHideSecrets() throws {
        let file = try ConfigurationFile(
            #"{"clickhouse": {"password": "s3cret-pass", "port": "s3cret-port"}, "iqfeed": {"password": "${IQ}"}}"#
        )
        let error = file.loadError(environment: ["IQ": "s3cret-env"])
        #expect(
            error?.kind
                == .invalidValue(
                    keyPath: "clickhouse.port",
                    expected: "a port number (1 to 65535)",
                    found: #""s3cret-port""#
                )
        )
        let missing = file.loadError()
        #expect(missing?.description.contains("s3cret-pass") == false)
        #expect(String(reflecting: error).contains("s3cret-pass") == false)
    }
}
