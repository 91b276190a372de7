// swift-tools-version:6.2
import PackageDescription

/// Arena: one package, feature modules as libraries, one `arena` executable (DESIGN.md §2).
let package = Package(
    name: "arena",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "arena", targets: ["arena"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        .target(name: "ArenaCore"),
        .target(name: "ArenaStorage", dependencies: [
            "ArenaCore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "ArenaHTTP", dependencies: [
            "ArenaCore", "ArenaStorage",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "AuthService", dependencies: [
            "ArenaCore", "ArenaStorage", "ArenaHTTP",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .systemLibrary(name: "CMarkGFM"),
        .target(name: "ArenaMarkdown", dependencies: ["CMarkGFM"]),
        .target(name: "ProblemPackage", dependencies: [
            "ArenaCore", "ArenaMarkdown", .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "ContestService", dependencies: [
            "ArenaCore", "ArenaStorage", "ArenaHTTP", "ArenaMarkdown", "ProblemPackage",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .target(name: "SubmissionService", dependencies: [
            "ArenaCore", "ArenaStorage", "ArenaHTTP",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .target(name: "SandboxShim"),
        .target(name: "Sandbox", dependencies: ["ArenaCore", "SandboxShim"]),
        .target(name: "Judge", dependencies: [
            "ArenaCore", "Sandbox", "ProblemPackage", .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "JudgeService", dependencies: [
            "ArenaCore", "Judge", "Sandbox", "ProblemPackage",
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .target(name: "ArenaApp", dependencies: [
            "ArenaCore", "ArenaStorage", "ArenaHTTP", "AuthService", "ContestService", "SubmissionService", "JudgeService",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .executableTarget(name: "arena", dependencies: [
            "ArenaApp", "ArenaCore", "ArenaStorage", "ArenaHTTP", "AuthService", "ContestService", "JudgeService", "Judge", "Sandbox",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "ArenaTestSupport", dependencies: [
            "ArenaApp", "ArenaCore", "ArenaHTTP", "ArenaStorage",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ], path: "Tests/ArenaTestSupport"),
        .testTarget(name: "ArenaMarkdownTests", dependencies: ["ArenaMarkdown"]),
        .testTarget(name: "ProblemPackageTests", dependencies: ["ProblemPackage"]),
        .testTarget(name: "ContestServiceTests", dependencies: [
            "ContestService", "ArenaTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "SubmissionServiceTests", dependencies: [
            "SubmissionService", "ContestService", "ArenaCore", "ArenaTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox"]),
        .testTarget(name: "ArenaStorageTests", dependencies: [
            "ArenaStorage", "ArenaTestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .testTarget(name: "AuthServiceTests", dependencies: [
            "ArenaApp", "AuthService", "ArenaHTTP", "ArenaCore", "ArenaTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
    ]
)
