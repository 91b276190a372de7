import ArenaCore
import ArenaHTTP
import ArenaStorage
import Foundation
import Hummingbird

/// `/api/v1/judge/*`: the only door judges have (judge token; never database credentials).
struct JudgeAPIController: Sendable {
    let queue: JudgeQueue
    let catalog: any ProblemCatalog
    let jobs: NotificationChannel

    struct ClaimRequest: Decodable { let worker: String?; let waitSeconds: Double? }
    struct AttemptRequest: Decodable { let attempt: Int; let phase: String?; let test: Int?; let of: Int? }
    struct ResultRequest: Decodable { let attempt: Int; let result: JudgeResult }
    struct FailRequest: Decodable { let attempt: Int; let reason: String }

    static let operations: [APIOperation] = [
        APIOperation("post", "/api/v1/judge/claim", "Long-poll for the next judge job", tag: "judge", auth: "judge",
                     body: ["worker?": "string", "wait_seconds?": "number"], responses: [200: "A job", 204: "No job within the wait"]),
        APIOperation("post", "/api/v1/judge/jobs/{id}/heartbeat", "Extend a job's lease", tag: "judge", auth: "judge",
                     body: ["attempt": "integer"], responses: [204: "Extended", 409: "Not your attempt any more"]),
        APIOperation("post", "/api/v1/judge/jobs/{id}/progress", "Report progress (also a heartbeat)", tag: "judge", auth: "judge",
                     body: ["attempt": "integer", "phase": "string", "test?": "integer", "of?": "integer"], responses: [204: "Recorded", 409: "Stale"]),
        APIOperation("post", "/api/v1/judge/jobs/{id}/result", "Post the final result of an attempt (idempotent)", tag: "judge", auth: "judge",
                     body: ["attempt": "integer", "result": "object"], responses: [204: "Recorded", 409: "Stale attempt"]),
        APIOperation("post", "/api/v1/judge/jobs/{id}/fail", "Give a job back after an internal error", tag: "judge", auth: "judge",
                     body: ["attempt": "integer", "reason": "string"], responses: [204: "Requeued"]),
        APIOperation("get", "/api/v1/judge/problems/{id}/package", "A problem package (tar.gz) by content hash", tag: "judge", auth: "judge",
                     responses: [200: "The archive", 404: "Unknown hash"]),
    ]

    func addRoutes(to router: Router<ArenaRequestContext>) {
        let judge = router.group("/api/v1/judge").add(middleware: RoleGuard(.judge))
        judge.post("/claim") { request, context in
            let body = (try? await request.decode(as: ClaimRequest.self, context: context))
            let worker = body?.worker ?? context.identity?.username ?? "judge"
            let deadline = ContinuousClock.now + .milliseconds(Int(min(max(body?.waitSeconds ?? 20, 0), 60) * 1000))
            while true {
                if let job = try await queue.claim(worker: worker) { return JSONBody.response(job) }
                let left = deadline - ContinuousClock.now
                if left <= .zero { return Response(status: .noContent) }
                await jobs.wait(timeout: min(left, .seconds(2)))  // re-check now and then: leases expire without a NOTIFY
            }
        }
        judge.post("/jobs/{id}/heartbeat") { request, context in
            let body = try await request.decode(as: AttemptRequest.self, context: context)
            try await queue.heartbeat(jobId: try context.parameters.require("id", as: Int64.self), attempt: body.attempt)
            return Response(status: .noContent)
        }
        judge.post("/jobs/{id}/progress") { request, context in
            let body = try await request.decode(as: AttemptRequest.self, context: context)
            let progress = JudgeProgress(phase: body.phase == "compiling" ? "compiling" : "running", test: body.test, of: body.of)
            try await queue.heartbeat(jobId: try context.parameters.require("id", as: Int64.self), attempt: body.attempt, progress: progress)
            return Response(status: .noContent)
        }
        judge.post("/jobs/{id}/result") { request, context in
            let body = try await request.decode(as: ResultRequest.self, context: context)
            try await queue.finish(jobId: try context.parameters.require("id", as: Int64.self), attempt: body.attempt, result: body.result,
                                   worker: context.identity?.username ?? "judge")
            return Response(status: .noContent)
        }
        judge.post("/jobs/{id}/fail") { request, context in
            let body = try await request.decode(as: FailRequest.self, context: context)
            try await queue.fail(jobId: try context.parameters.require("id", as: Int64.self), attempt: body.attempt, reason: body.reason)
            jobs.signal()
            return Response(status: .noContent)
        }
        judge.get("/problems/{id}/package") { _, context in
            let hash = try context.parameters.require("id")
            guard let archive = try await catalog.packageArchive(hash: hash) else { throw UserError.notFound("No package with hash \(hash).") }
            return Response(status: .ok, headers: [.contentType: "application/gzip", .cacheControl: "private, max-age=31536000, immutable"],
                            body: .init(byteBuffer: ByteBuffer(bytes: archive)))
        }
    }
}
