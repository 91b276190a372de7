import ArenaApp
import ArenaCore
import ArenaStorage
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server of the test's own (initdb in a temporary folder, its own loopback port),
/// for tests that stop and start the database. Never the shared server on 5432: other people's
/// tests use it. Run as root, the server runs as the `postgres` user (initdb refuses root).
public final class PrivatePostgres: Sendable {
    /// The server's binaries.
    public static let binaries = "/usr/lib/postgresql/15/bin"
    /// The folder holding the cluster, its socket and its log.
    public let folder: String
    /// Its loopback TCP port.
    public let port: Int
    /// The migrated `arena` database on it (role `arena`, trusted on loopback).
    public var config: DatabaseConfig { try! DatabaseConfig(url: "postgres://arena@127.0.0.1:\(port)/arena") }

    private init(folder: String, port: Int) {
        self.folder = folder
        self.port = port
    }

    /// Whether this machine can run one (the binaries are there).
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binaries + "/initdb") }

    /// Makes a cluster with every migration applied to its `arena` database, runs `body`, then
    /// stops the server and removes the folder (also when `body` throws).
    public static func withServer<T: Sendable>(_ body: (PrivatePostgres) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("arena-pg-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let server = PrivatePostgres(folder: folder, port: try freePort())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try await server.initialise()
            try await server.start()
            try await DatabaseConfig(url: "postgres://arena@127.0.0.1:\(server.port)/postgres").withClient(logger: TestDatabase.logger) {
                _ = try await $0.query("CREATE DATABASE arena", logger: TestDatabase.logger)
            }
            try await server.config.withClient(logger: TestDatabase.logger) {
                try await Migrator(client: $0, migrations: ApplicationBuilder.allMigrations(), logger: TestDatabase.logger).migrate()
            }
            let result = try await body(server)
            try? await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// Starts the server and waits until it accepts connections.
    public func start() async throws {
        try await run(["pg_ctl", "-D", folder + "/data", "-l", folder + "/log", "-w", "-t", "60", "-o",
                       "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60", "start"])
    }

    /// Stops the server as an operator would (`pg_ctl stop -m fast`: sessions are ended, open
    /// transactions rolled back, nothing committed is lost).
    public func stop() async throws {
        try await run(["pg_ctl", "-D", folder + "/data", "-m", "fast", "-w", "-t", "60", "stop"])
    }

    private func initialise() async throws {
        if getuid() == 0, let user = getpwnam("postgres") { _ = chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) }
        try await run(["initdb", "-D", folder + "/data", "-U", "arena", "--auth=trust", "-E", "UTF8", "--no-sync"])
    }

    /// Runs a PostgreSQL program (as `postgres` when we are root), its output in `ctl.log`. Spawned
    /// and reaped by hand, off the cooperative threads: `pg_ctl start` leaves a daemon behind,
    /// which Foundation's `Process` did not always see end.
    private func run(_ argv: [String]) async throws {
        var command = [Self.binaries + "/" + argv[0]] + argv.dropFirst()
        if getuid() == 0 { command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command }
        let log = folder + "/ctl.log", argvToRun = command
        let status: Int32 = await withCheckedContinuation { done in
            DispatchQueue.global().async { done.resume(returning: Self.spawnAndWait(argvToRun, output: log)) }
        }
        guard status == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ConfigError("\(argv.prefix(2).joined(separator: " ")) failed (\(status)): \(text.suffix(2000))")
        }
    }

    static func spawnAndWait(_ argv: [String], output: String) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ConfigError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw ConfigError("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
