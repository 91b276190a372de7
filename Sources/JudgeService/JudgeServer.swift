import ArenaCore
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The judge API as a worker sees it (DESIGN.md §6). Judges hold a token, never database
/// credentials: everything goes through these calls.
public protocol JudgeServer: Sendable {
    /// Long-polls for a job; nil when none came within `wait`.
    func claim(worker: String, wait: Double) async throws -> JudgeJob?
    /// Extends the lease, optionally with progress; throws `JudgeServerError.lost` when the job is no longer ours.
    func heartbeat(_ job: JudgeJob, progress: JudgeProgress?) async throws
    /// Posts the final result.
    func result(_ job: JudgeJob, _ result: JudgeResult) async throws
    /// Gives the job back after an internal error.
    func fail(_ job: JudgeJob, reason: String) async throws
    /// The package archive (tar.gz) with `hash`.
    func package(hash: String) async throws -> [UInt8]
}

/// What can go wrong talking to the server.
public enum JudgeServerError: Error, CustomStringConvertible {
    /// The job was taken from us (lease expired, someone else has it).
    case lost
    /// The server answered something else than expected.
    case unexpected(Int, String)

    /// A message.
    public var description: String {
        switch self {
        case .lost: "the job's lease was lost"
        case .unexpected(let status, let body): "server answered \(status): \(body.prefix(300))"
        }
    }
}

/// `JudgeServer` over HTTP with a judge token.
public struct HTTPJudgeServer: JudgeServer {
    let base: String
    let token: String
    let client: HTTPClient

    /// Creates a client for `server` (e.g. `http://127.0.0.1:8080`).
    public init(server: String, token: String, client: HTTPClient = .shared) {
        base = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.token = token
        self.client = client
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder(); e.keyEncodingStrategy = .convertToSnakeCase; e.dateEncodingStrategy = .iso8601; return e
    }()
    static let decoder: JSONDecoder = {
        let d = JSONDecoder(); d.keyDecodingStrategy = .convertFromSnakeCase; d.dateDecodingStrategy = .iso8601; return d
    }()

    struct Attempt: Encodable { let attempt: Int; var phase: String? = nil; var test: Int? = nil; var of: Int? = nil }
    struct Result: Encodable { let attempt: Int; let result: JudgeResult }
    struct Fail: Encodable { let attempt: Int; let reason: String }
    struct Claim: Encodable { let worker: String; let waitSeconds: Double }

    public func claim(worker: String, wait: Double) async throws -> JudgeJob? {
        let (status, body) = try await send("POST", "/api/v1/judge/claim", Claim(worker: worker, waitSeconds: wait), timeout: wait + 15)
        if status == 204 { return nil }
        guard status == 200 else { throw JudgeServerError.unexpected(status, String(decoding: body, as: UTF8.self)) }
        return try Self.decoder.decode(JudgeJob.self, from: Data(body))
    }

    public func heartbeat(_ job: JudgeJob, progress: JudgeProgress?) async throws {
        let path = progress == nil ? "heartbeat" : "progress"
        let body = Attempt(attempt: job.attempt, phase: progress?.phase, test: progress?.test, of: progress?.of)
        try await expectNoContent(try await send("POST", "/api/v1/judge/jobs/\(job.jobId)/\(path)", body))
    }

    public func result(_ job: JudgeJob, _ result: JudgeResult) async throws {
        try await expectNoContent(try await send("POST", "/api/v1/judge/jobs/\(job.jobId)/result", Result(attempt: job.attempt, result: result)))
    }

    public func fail(_ job: JudgeJob, reason: String) async throws {
        try await expectNoContent(try await send("POST", "/api/v1/judge/jobs/\(job.jobId)/fail", Fail(attempt: job.attempt, reason: reason)))
    }

    public func package(hash: String) async throws -> [UInt8] {
        let (status, body) = try await send("GET", "/api/v1/judge/problems/\(hash)/package", Optional<Claim>.none, timeout: 120)
        guard status == 200 else { throw JudgeServerError.unexpected(status, String(decoding: body, as: UTF8.self)) }
        return body
    }

    private func expectNoContent(_ answer: (Int, [UInt8])) async throws {
        if answer.0 == 409 { throw JudgeServerError.lost }
        guard answer.0 == 204 else { throw JudgeServerError.unexpected(answer.0, String(decoding: answer.1, as: UTF8.self)) }
    }

    private func send(_ method: String, _ path: String, _ body: (some Encodable)?, timeout: Double = 30) async throws -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: base + path)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try Self.encoder.encode(body)))
        }
        let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
        let bytes = try await response.body.collect(upTo: 512 << 20)
        return (Int(response.status.code), Array(buffer: bytes))
    }
}
