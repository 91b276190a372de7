import Foundation
import Sandbox
import Synchronization
import Testing

/// Run slots bound how many judged runs overlap, in one process and across processes (two
/// `RunSlots` on one directory stand for two processes: `flock` locks belong to open files).
@Suite struct RunSlotsTests {
    /// Runs `tasks` bodies of 20 ms over the given slot sets and returns the most that overlapped.
    static func peakOverlap(_ slots: [RunSlots], tasks: Int) async -> Int {
        final class Counter: Sendable { let value = Mutex((now: 0, peak: 0)) }
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<tasks {
                group.addTask {
                    await slots[index % slots.count].withSlot {
                        counter.value.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
                        try? await Task.sleep(nanoseconds: 20_000_000)
                        counter.value.withLock { $0.now -= 1 }
                    }
                }
            }
        }
        return counter.value.withLock { $0.peak }
    }

    static func directory() -> String {
        NSTemporaryDirectory() + "arena-slots-test-\(UUID().uuidString)"
    }

    @Test func oneProcessNeverExceedsItsSlots() async {
        let peak = await Self.peakOverlap([RunSlots(count: 2, directory: Self.directory())], tasks: 12)
        #expect(peak == 2)
    }

    @Test func twoProcessesShareTheMachineSlots() async {
        let directory = Self.directory()
        let first = RunSlots(count: 2, directory: directory), second = RunSlots(count: 2, directory: directory)
        // Alone, each would let 2 run; together they still let only 2 run.
        let peak = await Self.peakOverlap([first, second], tasks: 12)
        #expect(peak == 2)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func zeroSlotsMeansNoLimit() async {
        let peak = await Self.peakOverlap([RunSlots(count: 0, directory: nil)], tasks: 6)
        #expect(peak == 6)
    }
}
