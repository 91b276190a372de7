import Logging
import ServiceLifecycle
import Synchronization

/// The roles' background services (notification hub, scoring consumer, standings feed) as ONE
/// nested service group whose shutdown is bounded: a service that has not returned 10 s after
/// graceful shutdown began is cancelled, and one that ignores even that is abandoned 3 s later
/// (with an error naming it) rather than left to ServiceLifecycle, which crashes the process
/// when cancellation takes longer than allowed (5 s here). So a stuck loop can never keep a
/// process (or a test) from stopping, nor take it down. Each service also logs an error naming
/// itself when it is still running 5 s into shutdown, so the cause of a slow stop is in the log.
public enum BackgroundServices {
    /// The group of `services`; `abandonAfter` is for tests.
    public static func group(_ services: [any Service], logger: Logger, abandonAfter: Duration = .seconds(3)) -> ServiceGroup {
        var configuration = ServiceGroupConfiguration(
            services: services.map {
                .init(service: Watched(base: $0, logger: logger, abandonAfter: abandonAfter), serviceName: "\(type(of: $0))")
            },
            logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        configuration.maximumCancellationDuration = .seconds(5)
        return ServiceGroup(configuration: configuration)
    }

    /// Runs `base`; if it is still running `patience` after graceful shutdown began, logs so; if
    /// it is still running `abandonAfter` after being cancelled, returns without it.
    struct Watched: Service {
        let base: any Service
        let logger: Logger
        var patience: Duration = .seconds(5)
        var abandonAfter: Duration

        func run() async throws {
            let outcome = Outcome()
            // An unstructured task (it inherits the graceful-shutdown signal) so it can be left behind.
            let task = Task {
                do { try await base.run(); outcome.settle(nil) } catch { outcome.settle(error) }
            }
            let watch = Task {
                if (try? await gracefulShutdown()) != nil, (try? await Task.sleep(for: patience)) != nil, !outcome.isSettled {
                    logger.error("\(type(of: base)) is still running \(patience) after shutdown began")
                }
            }
            defer { watch.cancel() }
            try await withTaskCancellationHandler {
                do { try await outcome.wait() } catch is Abandoned {}
            } onCancel: {
                task.cancel()
                Task {
                    try? await Task.sleep(for: abandonAfter)
                    if outcome.settle(Abandoned()) {
                        logger.error("\(type(of: base)) ignored cancellation for \(abandonAfter); shutdown goes on without it")
                    }
                }
            }
        }
    }

    /// The base service ignored cancellation and was left behind.
    struct Abandoned: Error {}

    /// How the base service ended (error or nil), settled once; `wait` returns it.
    final class Outcome: Sendable {
        private let state = Mutex<(settled: Bool, error: (any Error)?, waiter: CheckedContinuation<Void, any Error>?)>((false, nil, nil))

        var isSettled: Bool { state.withLock { $0.settled } }

        /// Settles with `error` (nil: returned); false if already settled.
        @discardableResult
        func settle(_ error: (any Error)?) -> Bool {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>?? in
                guard !state.settled else { return .none }
                state.settled = true
                state.error = error
                defer { state.waiter = nil }
                return .some(state.waiter)
            }
            guard let waiter else { return false }
            waiter.map { continuation in if let error { continuation.resume(throwing: error) } else { continuation.resume() } }
            return true
        }

        func wait() async throws {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let settled = state.withLock { state -> (any Error)?? in
                    if state.settled { return .some(state.error) }
                    state.waiter = continuation
                    return .none
                }
                if let settled {
                    if let error = settled { continuation.resume(throwing: error) } else { continuation.resume() }
                }
            }
        }
    }
}
