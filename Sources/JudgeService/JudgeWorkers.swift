import Foundation
import Judge
import Logging
import Sandbox

/// Builds a worker with the real engine and the HTTP judge API: the same code path for
/// `arena judge` and the in-process judges of `arena serve`.
public enum JudgeWorkers {
    /// A worker judging for `server` with `token`, caching under `cache`.
    public static func make(server: String, token: String, cache: URL, name: String, parallel: Int,
                            claimWait: Double = 10, logger: Logger) throws -> JudgeWorker {
        // Packages are bound into validator runs, so the whole cache must be reachable by the
        // sandbox user: a private data folder (a clone under /root) moves to /var/tmp.
        let sandbox = Sandbox()
        let reachable = try SandboxReach(sandbox: sandbox.configuration).folder(for: cache)
        if reachable != cache { logger.notice("judge cache: \(reachable.path) (the sandbox user cannot reach \(cache.path))") }
        let cache = reachable
        let configuration = JudgeConfiguration(cacheDirectory: cache.appendingPathComponent("build"), workDirectory: cache.appendingPathComponent("work"))
        let engine = try JudgeEngine(configuration: configuration, sandbox: sandbox)
        let client = HTTPJudgeServer(server: server, token: token)
        return JudgeWorker(server: client, engine: EngineJudge(engine: engine), cacheDirectory: cache.appendingPathComponent("packages"),
                           name: name, parallel: parallel, claimWait: claimWait, logger: logger)
    }
}
