import ArenaCore
import Foundation
import Logging
import ServiceLifecycle

/// Judges one submission against an extracted package: the engine behind a worker.
public protocol SubmissionJudge: Sendable {
    /// Compiles and runs `source` on the package's tests under the contest's `settings`; never throws:
    /// failures are verdicts (JE included).
    func judge(package: URL, language: String, source: String, settings: JudgeSettings,
               progress: @escaping @Sendable (JudgeProgress) async -> Void) async -> JudgeResult
}

/// A judge worker: long-polls for jobs, heartbeats while it works, streams progress, posts one
/// result per attempt. `parallel` loops run side by side. Runs as a Service until shutdown.
public struct JudgeWorker: Service {
    let server: any JudgeServer
    let engine: any SubmissionJudge
    let cache: PackageCache
    let name: String
    let parallel: Int
    let claimWait: Double
    let logger: Logger

    /// Creates a worker. `claimWait`: seconds one long-poll may wait (a server drains in-flight
    /// long-polls before it stops, so this also bounds its shutdown).
    public init(server: any JudgeServer, engine: any SubmissionJudge, cacheDirectory: URL, name: String, parallel: Int,
                claimWait: Double = 10, logger: Logger) {
        self.server = server
        self.engine = engine
        cache = PackageCache(root: cacheDirectory, server: server)
        self.name = name
        self.parallel = max(1, parallel)
        self.claimWait = claimWait
        self.logger = logger
    }

    /// Runs the loops until cancelled (graceful shutdown finishes nothing new; a job in flight is
    /// re-queued by its lease).
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<parallel {
                    group.addTask { await self.loop(slot: index) }
                }
            }
        }
    }

    func loop(slot: Int) async {
        let worker = "\(name)#\(slot)"
        while !Task.isCancelled {
            do {
                guard let job = try await server.claim(worker: worker, wait: claimWait) else { continue }
                await handle(job, worker: worker)
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                logger.warning("\(worker): claim failed: \(error); retrying")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    func handle(_ job: JudgeJob, worker: String) async {
        logger.info("\(worker): judging submission \(job.submissionId) (job \(job.jobId) attempt \(job.attempt))")
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(max(1, job.leaseSeconds / 3)))
                if Task.isCancelled { return }
                try? await server.heartbeat(job, progress: nil)
            }
        }
        defer { heartbeat.cancel() }
        do {
            let package = try await cache.package(hash: job.packageHash)
            let reporter = ProgressReporter(server: server, job: job)
            let result = await engine.judge(package: package, language: job.language, source: job.source, settings: job.settings) {
                await reporter.report($0)
            }
            try await server.result(job, result)
            logger.info("\(worker): submission \(job.submissionId): \(result.verdict.rawValue)")
        } catch JudgeServerError.lost {
            logger.warning("\(worker): job \(job.jobId) was taken back; dropping it")
        } catch {
            logger.error("\(worker): job \(job.jobId) failed: \(error)")
            try? await server.fail(job, reason: "\(error)")
        }
    }
}

/// Sends progress at most every 100 ms (the last state always wins), so a problem with hundreds
/// of quick tests does not turn into hundreds of requests.
actor ProgressReporter {
    let server: any JudgeServer
    let job: JudgeJob
    private var last = ContinuousClock.now - .seconds(1)

    init(server: any JudgeServer, job: JudgeJob) {
        self.server = server
        self.job = job
    }

    func report(_ progress: JudgeProgress) async {
        let now = ContinuousClock.now
        guard progress.phase == "compiling" || now - last >= .milliseconds(100) else { return }
        last = now
        try? await server.heartbeat(job, progress: progress)
    }
}
