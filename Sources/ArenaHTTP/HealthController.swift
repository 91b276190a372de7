import ArenaStorage
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import Prometheus

/// `/healthz` (alive), `/readyz` (database reachable and migrations current; 503 at once while
/// `DatabaseClient` knows the database unreachable), `/metrics`
/// (Prometheus text) and `/api/openapi.json`.
public struct HealthController: Sendable {
    private let database: DatabaseClient
    private let migrator: Migrator
    private let registry: PrometheusCollectorRegistry
    private let openAPI: Data

    /// Creates the controller.
    public init(database: DatabaseClient, migrator: Migrator, registry: PrometheusCollectorRegistry, openAPI: Data) {
        self.database = database
        self.migrator = migrator
        self.registry = registry
        self.openAPI = openAPI
    }

    /// Adds the routes.
    public func addRoutes(to router: Router<ArenaRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, context in try await ready(context) }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("/api/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: openAPI)))
        }
    }

    private func ready(_ context: ArenaRequestContext) async throws -> Response {
        // Known unreachable: answer at once (a probe would only wait).
        guard database.isReachable else { return Self.text("not ready: database unreachable\n", .serviceUnavailable) }
        do {
            try await database.query("SELECT 1", logger: context.logger)
            let pending = try await migrator.pending()
            guard pending.isEmpty else { return Self.text("migrations pending: \(pending.joined(separator: ", "))\n", .serviceUnavailable) }
            return Self.text("ready\n", .ok)
        } catch {
            context.logger.warning("not ready: \(String(reflecting: error))")
            return Self.text("not ready: \(error)\n", .serviceUnavailable)
        }
    }

    private static func text(_ text: String, _ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
