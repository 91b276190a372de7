import ArenaCore
import ArenaHTTP
import ArgumentParser
import AuthService
import Foundation
import JWTKit

/// `arena bench tokens`: micro-benchmarks behind `scripts/bench` (hidden from `--help`).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Micro-benchmarks for scripts/bench.",
                                                    shouldDisplay: false, subcommands: [Tokens.self, BenchJudge.self, BenchScoring.self, BenchFanout.self])

    struct Tokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Access-token verifications per second on one core.")
        @Option(help: "Seconds per measurement.") var seconds = 3.0

        func run() async throws {
            let key = try EdDSA.PrivateKey()
            let issuer = await TokenIssuer(privateKey: key)
            let identity = Identity(userId: 1, username: "bench", displayName: "Bench", roles: [.contestant])
            // Distinct tokens defeat the verifier's cache: this is the raw Ed25519 + JSON cost.
            let tokens = try await (0..<2000).asyncMap { _ in try await issuer.accessToken(for: identity) }
            let uncached = await TokenVerifier(publicKey: key.publicKey, cacheLimit: 0)
            let raw = try await measure(seconds) { i in _ = try await uncached.verify(tokens[i % tokens.count]) }
            let cached = await TokenVerifier(publicKey: key.publicKey)
            let hot = try await measure(seconds) { _ in _ = try await cached.verify(tokens[0]) }
            print(String(format: "token verify (signature checked): %.0f/s on one task", raw))
            print(String(format: "token verify (cached, same token): %.0f/s on one task", hot))
        }

        func measure(_ seconds: Double, _ body: (Int) async throws -> Void) async throws -> Double {
            let clock = ContinuousClock()
            let start = clock.now
            var count = 0
            while (clock.now - start) < .seconds(seconds) {
                for _ in 0..<100 { try await body(count); count += 1 }
            }
            let elapsed = clock.now - start
            return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
