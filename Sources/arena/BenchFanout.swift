import ArenaStorage
import ArgumentParser
import Foundation
import HummingbirdWSClient
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import PostgresNIO

/// `arena bench fanout`: N WebSocket clients follow one contest's standings on a running
/// server; each round commits one judgement to the event log (a `submitted` and a `judged`
/// event in one transaction, as the judge API's result does) and measures the time from that
/// commit to the moment the LAST client has received the resulting diff. Also reports the
/// server's resident memory before and with the clients (from /proc, given its pid).
struct BenchFanout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fanout", abstract: "WebSocket standings fan-out latency.")

    @Option(help: "Server base URL.") var server = "http://127.0.0.1:18080"
    @Option(help: "The server's pid, to read its memory.") var serverPid: Int32?
    @Option(help: "Contest id.") var contest = "demo"
    @Option(help: "A problem id of the contest.") var problem = "sumtwo"
    @Option(help: "WebSocket clients.") var clients = 5000
    @Option(help: "Judgements to time.") var rounds = 30
    @OptionGroup var common: CommonOptions

    /// Per client: messages received, and when the last one arrived (uptime ns).
    final class Receipts: Sendable {
        let state: NIOLockedValueBox<(counts: [Int], times: [UInt64])>
        init(_ n: Int) { state = NIOLockedValueBox((Array(repeating: 0, count: n), Array(repeating: 0, count: n))) }
        func record(_ client: Int) {
            let now = DispatchTime.now().uptimeNanoseconds
            state.withLockedValue { $0.counts[client] += 1; $0.times[client] = now }
        }
        func snapshot() -> (counts: [Int], times: [UInt64]) { state.withLockedValue { $0 } }
    }

    func run() async throws {
        let logger = Logger(label: "bench")
        let memoryBefore = serverPid.flatMap(Self.residentKiB)
        let receipts = Receipts(clients)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let url = server.replacingOccurrences(of: "http://", with: "ws://") + "/ws/contests/\(contest)/standings"
        let connections = Task {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                for client in 0..<clients {
                    tasks.addTask {
                        _ = try? await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 20), eventLoopGroup: group,
                                                               logger: logger) { inbound, _, _ in
                            for try await _ in inbound.messages(maxSize: 1 << 26) { receipts.record(client) }
                        }
                    }
                    if client % 200 == 199 { try await Task.sleep(for: .milliseconds(20)) }  // don't flood the accept queue
                }
                try await tasks.waitForAll()
            }
        }
        defer { connections.cancel() }
        // Everyone has the snapshot.
        guard await Self.wait(seconds: 120, { receipts.snapshot().counts.allSatisfy { $0 >= 1 } }) else {
            let connected = receipts.snapshot().counts.filter { $0 >= 1 }.count
            throw ValidationError("only \(connected) of \(clients) clients got their snapshot (raise `ulimit -n`?)")
        }
        try await Task.sleep(for: .seconds(1))
        let memoryWith = serverPid.flatMap(Self.residentKiB)

        let (lastClient, everyClient) = try await withDatabase(try common.config(), logger: logger) { db in
            var lastClient: [Double] = []
            var everyClient: [Double] = []
            for round in 0..<rounds {
                let before = receipts.snapshot().counts
                let committed = try await Self.commitJudgement(db, contest: contest, problem: problem, user: 9_000_000 + Int64(round), logger: logger)
                guard await Self.wait(seconds: 10, { zip(receipts.snapshot().counts, before).allSatisfy { $0 > $1 } }) else {
                    let late = zip(receipts.snapshot().counts, before).filter { $0 <= $1 }.count
                    throw ValidationError("round \(round): \(late) clients got no diff within 10 s")
                }
                let times = receipts.snapshot().times.map { Double(Int64(bitPattern: $0 &- committed)) / 1e6 }
                lastClient.append(times.max() ?? 0)
                everyClient += times
                try await Task.sleep(for: .milliseconds(200))
            }
            return (lastClient, everyClient)
        }
        func pct(_ values: [Double], _ p: Double) -> Double { values.sorted()[min(values.count - 1, Int(Double(values.count) * p))] }
        print(String(format: "%d clients, %d judgements: commit → last client received the diff: median %.1f ms, p99 %.1f ms (target p99 <= 250 ms)",
                     clients, rounds, pct(lastClient, 0.5), pct(lastClient, 0.99)))
        print(String(format: "commit → each client (all %d deliveries): median %.1f ms, p99 %.1f ms",
                     everyClient.count, pct(everyClient, 0.5), pct(everyClient, 0.99)))
        if let memoryBefore, let memoryWith {
            print(String(format: "server resident memory: %.0f MiB before, %.0f MiB with %d clients (%.1f KiB per client)",
                         Double(memoryBefore) / 1024, Double(memoryWith) / 1024, clients, Double(memoryWith - memoryBefore) / Double(clients)))
        }
        connections.cancel()
        _ = await connections.result  // every client closed before its event loops stop
        try? await group.shutdownGracefully()
    }

    /// Inserts a submission's two events in one transaction; returns the uptime after COMMIT.
    static func commitJudgement(_ db: DatabaseClient, contest: String, problem: String, user: Int64, logger: Logger) async throws -> UInt64 {
        try await db.transaction(logger: logger) { conn in
            try await conn.query("""
                INSERT INTO submissions.events (kind, submission_id, contest_id, user_id, username, problem_id, submitted_at, verdict)
                VALUES ('submitted', \(user), \(contest), \(user), \("bench\(user)"), \(problem), now(), NULL),
                       ('judged', \(user), \(contest), \(user), \("bench\(user)"), \(problem), now(), 'AC')
                """, logger: logger)
            try await conn.query("SELECT pg_notify('arena_events', \(String(user)))", logger: logger)
        }
        return DispatchTime.now().uptimeNanoseconds
    }

    static func wait(seconds: Double, _ done: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if done() { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return done()
    }

    static func residentKiB(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1])
    }
}
