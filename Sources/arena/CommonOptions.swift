import ArenaApp
import ArenaStorage
import ArgumentParser
import Logging

/// Options every database-using subcommand accepts; each has an `ARENA_*` variable too.
struct CommonOptions: ParsableArguments {
    @Option(help: "PostgreSQL URL (ARENA_DATABASE_URL).")
    var databaseURL: String?
    @Option(help: "Folder for generated keys and caches (ARENA_DATA_DIR, default ./data).")
    var dataDir: String?
    @Option(help: "Ed25519 private key PEM that signs tokens (ARENA_JWT_PRIVATE_KEY_FILE).")
    var jwtPrivateKeyFile: String?
    @Option(help: "Ed25519 public key PEM, for roles that only verify tokens (ARENA_JWT_PUBLIC_KEY_FILE).")
    var jwtPublicKeyFile: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error (LOG_LEVEL).")
    var logLevel: String?

    /// The configuration: environment first, flags over it.
    func config() throws -> ArenaConfig {
        var config = try ArenaConfig()
        if let databaseURL { config.database = try DatabaseConfig(url: databaseURL) }
        if let dataDir { config.dataDirectory = dataDir }
        if let jwtPrivateKeyFile { config.jwtPrivateKeyFile = jwtPrivateKeyFile }
        if let jwtPublicKeyFile { config.jwtPublicKeyFile = jwtPublicKeyFile }
        return config
    }

    /// A logger at the chosen level.
    func logger(_ label: String = "arena") -> Logger {
        var logger = Logger(label: label)
        let level = logLevel ?? ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}

import Foundation
