import Logging
import ServiceLifecycle

/// The roles' background services (notification hub, scoring consumer, standings feed) as ONE
/// nested service group whose shutdown is bounded: a service that has not returned 10 s after
/// graceful shutdown began is cancelled, and the group gives up on it 5 s later, so a stuck
/// loop can never keep a process (or a test) from stopping. Each service logs an error naming
/// itself when it is still running 5 s into shutdown, so the cause of a slow stop is in the log.
enum BackgroundServices {
    static func group(_ services: [any Service], logger: Logger) -> ServiceGroup {
        var configuration = ServiceGroupConfiguration(
            services: services.map { .init(service: Watched(base: $0, logger: logger), serviceName: "\(type(of: $0))") },
            logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        configuration.maximumCancellationDuration = .seconds(5)
        return ServiceGroup(configuration: configuration)
    }

    /// Runs `base`; if it is still running `patience` after graceful shutdown began, logs so.
    struct Watched: Service {
        let base: any Service
        let logger: Logger
        var patience: Duration = .seconds(5)

        func run() async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await base.run() }
                group.addTask {
                    // Never throws and only ends when cancelled, so the first child to end is the service.
                    if (try? await gracefulShutdown()) != nil, (try? await Task.sleep(for: patience)) != nil {
                        logger.error("\(type(of: base)) is still running \(patience) after shutdown began")
                    }
                    while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }
}
