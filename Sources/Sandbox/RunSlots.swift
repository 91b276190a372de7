import Foundation
import Glibc
import Synchronization

/// At most one judged run per CPU core on this machine, across every Arena process.
///
/// Time limits are only fair when a program gets a whole core: on a 2-core machine running four
/// submissions at once, a program that needs 0.9 s of CPU can take 3 s of wall-clock time and be
/// killed on its wall limit (it happened in CI, with the test suite's parallel judges). So a test
/// case (with its validator) and a compilation each hold one slot for their whole run, and waiting
/// for a slot does not count against any limit.
///
/// Slots are `count` lock files (`flock`) in a directory shared by the processes of one user, so
/// `arena serve`'s workers, separate `arena judge` processes and `arena problems verify` on one
/// machine share them. A process-local queue in front keeps waiting in-process fair and free of
/// polling; only a wait for another process's slot polls (every few milliseconds).
/// `ARENA_RUN_SLOTS` sets the count (default: the active processors; 0 turns the limit off).
public final class RunSlots: Sendable {
    /// The slots of this machine, from `ARENA_RUN_SLOTS`.
    public static let machine: RunSlots = {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["ARENA_RUN_SLOTS"].flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
        return RunSlots(count: count, directory: NSTemporaryDirectory() + "arena-run-slots-\(getuid())")
    }()

    /// How many runs may hold a slot at once (0: unlimited).
    public let count: Int
    /// Where the lock files are (nil: this process only).
    let directory: String?
    private let state: Mutex<State>

    struct State {
        var free: Int
        var waiting: [(ticket: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
        var nextTicket: UInt64 = 0
        /// Tickets cancelled before they queued.
        var cancelled: Set<UInt64> = []
    }

    public init(count: Int, directory: String?) {
        self.count = max(0, count)
        self.state = Mutex(State(free: max(0, count)))
        if let directory, mkdir(directory, 0o700) == 0 || errno == EEXIST {
            self.directory = directory
        } else {
            self.directory = nil
        }
    }

    /// Runs `body` holding a slot. A task cancelled while it waits stops waiting and runs `body`
    /// at once without one: a sandboxed run then ends before it starts (`Sandbox.run` checks).
    public func withSlot<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        guard count > 0 else { return try await body() }
        guard await acquireLocal() else { return try await body() }
        defer { releaseLocal() }
        let fd = await lockFile()
        defer { if fd >= 0 { close(fd) } }
        return try await body()
    }

    /// Takes a local slot; false if the task was cancelled while waiting.
    private func acquireLocal() async -> Bool {
        let granted = state.withLock { state -> Bool in
            guard state.free > 0 else { return false }
            state.free -= 1
            return true
        }
        if granted { return true }
        let ticket = state.withLock { state -> UInt64 in state.nextTicket += 1; return state.nextTicket }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let granted = state.withLock { state -> Bool? in
                    if state.cancelled.remove(ticket) != nil { return false }
                    guard state.free > 0 else { state.waiting.append((ticket, continuation)); return nil }
                    state.free -= 1
                    return true
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard let index = state.waiting.firstIndex(where: { $0.ticket == ticket }) else {
                    state.cancelled.insert(ticket)  // not queued yet (or already granted: then unused)
                    return nil
                }
                return state.waiting.remove(at: index).continuation
            }
            waiter?.resume(returning: false)
        }
    }

    private func releaseLocal() {
        // A waiter inherits the slot directly, so `free` only grows when nobody waits.
        let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard !state.waiting.isEmpty else { state.free += 1; return nil }
            return state.waiting.removeFirst().continuation
        }
        next?.resume(returning: true)
    }

    /// Locks one of the slot files and returns its descriptor (closing it unlocks), or -1 when
    /// the files cannot be used (then the process-local limit alone applies).
    private func lockFile() async -> Int32 {
        guard let directory else { return -1 }
        var pause: UInt64 = 1_000_000
        while true {
            var usable = false
            for index in 0..<count {
                let fd = open(directory + "/slot-\(index)", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
                guard fd >= 0 else { continue }
                usable = true
                if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
                close(fd)
            }
            if !usable || Task.isCancelled { return -1 }
            try? await Task.sleep(nanoseconds: pause)
            pause = min(pause * 2, 20_000_000)
        }
    }
}
