import ArenaCore
import Foundation
import Sandbox
import Testing

/// A temporary work directory with helpers to compile C++ and run it in the real sandbox.
final class Fixture: Sendable {
    let root: String
    let box: String
    let sandbox = Sandbox()

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("arena-sbx-test-\(UUID().uuidString)").path
        box = root + "/box"
        try FileManager.default.createDirectory(atPath: box, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Compiles C++ (outside the sandbox, with g++, holding a run slot like any judged
    /// compilation) into the box; returns the path inside, `/box/<name>`.
    func compile(_ source: String, name: String = "prog", flags: [String] = []) async throws -> String {
        let sourcePath = root + "/\(name).cpp"
        try Data(source.utf8).write(to: URL(fileURLWithPath: sourcePath))
        let argv = ["/usr/bin/g++", "-O2", "-o", box + "/" + name, sourcePath, "-pthread"] + flags
        let (status, output) = await sandbox.slots.withSlot { await runHost(argv) }
        guard status == 0 else { throw SandboxError("g++ failed: \(output)") }
        return "/box/" + name
    }

    /// Writes a file into the root (outside the box) and returns its host path.
    func hostFile(_ name: String, _ text: String) throws -> String {
        let path = root + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func run(
        _ argv: [String], stdin: SandboxIO = .null, stdout: SandboxIO = .capture,
        limits: SandboxLimits = Fixture.limits, binds: [SandboxBind] = []
    ) async throws -> SandboxResult {
        try await sandbox.slots.withSlot {
            try await sandbox.run(SandboxRequest(argv: argv, workDir: box, binds: binds, stdin: stdin, stdout: stdout, limits: limits))
        }
    }

    /// Short limits so hostile programs end fast.
    static let limits = SandboxLimits(
        cpuSeconds: 1, wallSeconds: 2, memoryBytes: 64 << 20, processes: 16,
        outputBytes: 1 << 20, fileSizeBytes: 4 << 20, openFiles: 32)
}

/// Runs a host command off the cooperative threads, returning its status and combined output.
func runHost(_ argv: [String]) async -> (Int32, String) {
    let output = await HostProcess.run(argv)
    return (output.status, output.text)
}

/// A host process that must survive whatever the sandboxed program does.
final class Sentinel {
    let process = Process()

    /// Starts `sleep 3600` on the host (killed when the sentinel goes; a test may wait long for a
    /// run slot on a busy machine), as the sandbox uid when possible (so only the pid namespace protects it).
    init() throws {
        if geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid", "65534", "--regid", "65534", "--clear-groups", "/bin/sleep", "3600"]
        } else {
            process.executableURL = URL(fileURLWithPath: "/bin/sleep")
            process.arguments = ["3600"]
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isAlive: Bool { process.isRunning && kill(pid, 0) == 0 }

    deinit {
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }
}

extension SandboxResult {
    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
}

/// TCP and UDP sockets on the host's 127.0.0.1 (same port), to prove nothing reaches them.
final class HostListener {
    let tcp: Int32
    let udp: Int32
    let port: UInt16

    init() throws {
        let tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        (self.tcp, self.udp) = (tcp, udp)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Bool in
                guard bind(tcp, raw, length) == 0, listen(tcp, 8) == 0, getsockname(tcp, raw, &length) == 0 else { return false }
                return bind(udp, raw, length) == 0
            }
        }
        port = UInt16(bigEndian: address.sin_port)
        guard bound else { throw SandboxError("cannot bind host sockets") }
    }

    func receivedAnything() -> Bool {
        let connection = accept(tcp, nil, nil)
        if connection >= 0 { close(connection); return true }
        var byte: UInt8 = 0
        return recv(udp, &byte, 1, 0) >= 0
    }

    deinit {
        close(tcp)
        close(udp)
    }
}
