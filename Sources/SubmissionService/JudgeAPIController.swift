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

    static let job = APISchema.object(required: [
        "job_id": .integer(), "attempt": .integer(), "submission_id": .integer(), "problem_id": .text, "problem_version": .integer(),
        "package_hash": .text, "language": .text, "source": .text, "lease_seconds": .integer(),
    ])
    static let result = APISchema.object(
        required: ["verdict": APISchemas.verdict, "time_ms": .integer(), "memory_kb": .integer(), "compile_output": .text,
                   "tests": .array(APISchemas.testRun)],
        optional: ["score": .number, "error": .text])
    static let jobId: [String: APISchema] = ["id": .integer()]
    static let stale = APIResponse("Not this worker's attempt any more", .error)

    static let claim = APIOperation("post", "/api/v1/judge/claim", "Long-poll for the next judge job", tag: "judge", auth: "judge",
        body: .object(required: [:], optional: ["worker": .text, "wait_seconds": .number]), bodyOptional: true,
        responses: [200: APIResponse("A job", job), 204: APIResponse("No job within the wait")])
    static let heartbeat = APIOperation("post", "/api/v1/judge/jobs/{id}/heartbeat", "Extend a job's lease", tag: "judge", auth: "judge",
        pathTypes: jobId, body: .object(required: ["attempt": .integer()]), responses: [204: APIResponse("Extended"), 409: stale])
    static let progress = APIOperation("post", "/api/v1/judge/jobs/{id}/progress", "Report progress (also a heartbeat)", tag: "judge", auth: "judge",
        pathTypes: jobId, body: .object(required: ["attempt": .integer()], optional: ["phase": .text,
                                                                                      "test": .integer(), "of": .integer()]),
        responses: [204: APIResponse("Recorded"), 409: stale])
    static let finish = APIOperation("post", "/api/v1/judge/jobs/{id}/result", "Post the final result of an attempt (idempotent)", tag: "judge",
        auth: "judge", pathTypes: jobId, body: .object(required: ["attempt": .integer(), "result": result]),
        responses: [204: APIResponse("Recorded"), 409: stale])
    static let fail = APIOperation("post", "/api/v1/judge/jobs/{id}/fail", "Give a job back after an internal error", tag: "judge", auth: "judge",
        pathTypes: jobId, body: .object(required: ["attempt": .integer(), "reason": .text]), responses: [204: APIResponse("Requeued"), 409: stale])
    static let package = APIOperation("get", "/api/v1/judge/problems/{id}/package", "A problem package (tar.gz) by content hash", tag: "judge",
        auth: "judge", responses: [200: APIResponse("The archive", .text, contentType: "application/gzip"),
                                   404: APIResponse("Unknown hash", .error)])

    static let operations: [APIOperation] = [claim, heartbeat, progress, finish, fail, package]

    func addRoutes(to router: Router<ArenaRequestContext>) {
        let judge = router.group("/api/v1/judge").add(middleware: RoleGuard(.judge))
        judge.post("/claim") { request, context in
            let body = try await Self.claim.decode(ClaimRequest.self, from: request, context: context)
            let worker = body?.worker ?? context.identity?.username ?? "judge"
            let deadline = ContinuousClock.now + .milliseconds(Int(min(max(body?.waitSeconds ?? 20, 0), 60) * 1000))
            while true {
                let seen = jobs.generation  // a job queued after the claim's read ends the wait at once
                if let job = try await queue.claim(worker: worker) { return JSONBody.response(job) }
                let left = deadline - ContinuousClock.now
                if left <= .zero { return Response(status: .noContent) }
                // Re-check now and then: leases expire without a NOTIFY.
                _ = await jobs.wait(key: nil, timeout: min(left, .seconds(2)), since: seen)
            }
        }
        judge.post("/jobs/{id}/heartbeat") { request, context in
            let body = try await Self.heartbeat.decodeRequired(AttemptRequest.self, from: request, context: context)
            try await queue.heartbeat(jobId: try context.parameters.require("id", as: Int64.self), attempt: body.attempt)
            return Response(status: .noContent)
        }
        judge.post("/jobs/{id}/progress") { request, context in
            let body = try await Self.progress.decodeRequired(AttemptRequest.self, from: request, context: context)
            let progress = JudgeProgress(phase: body.phase == "compiling" ? "compiling" : "running", test: body.test, of: body.of)
            try await queue.heartbeat(jobId: try context.parameters.require("id", as: Int64.self), attempt: body.attempt, progress: progress)
            return Response(status: .noContent)
        }
        judge.post("/jobs/{id}/result") { request, context in
            let body = try await Self.finish.decodeRequired(ResultRequest.self, from: request, context: context)
            try await queue.finish(jobId: try context.parameters.require("id", as: Int64.self), attempt: body.attempt, result: body.result,
                                   worker: context.identity?.username ?? "judge")
            return Response(status: .noContent)
        }
        judge.post("/jobs/{id}/fail") { request, context in
            let body = try await Self.fail.decodeRequired(FailRequest.self, from: request, context: context)
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
