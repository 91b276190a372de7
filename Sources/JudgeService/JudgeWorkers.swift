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
        let configuration = JudgeConfiguration(cacheDirectory: cache.appendingPathComponent("build"), workDirectory: cache.appendingPathComponent("work"))
        let engine = try JudgeEngine(configuration: configuration, sandbox: Sandbox())
        let client = HTTPJudgeServer(server: server, token: token)
        return JudgeWorker(server: client, engine: EngineJudge(engine: engine), cacheDirectory: cache.appendingPathComponent("packages"),
                           name: name, parallel: parallel, claimWait: claimWait, logger: logger)
    }
}
