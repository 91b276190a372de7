import Foundation

/// Finds problem packages under the paths a setter names: a package itself (it holds
/// `problem.yaml`), or a folder or git checkout holding packages (searched two levels deep).
enum PackageDiscovery {
    static func packages(in paths: [URL]) -> [URL] {
        var found: [URL] = []
        for path in paths {
            let url = path.standardizedFileURL
            if isPackage(url) { found.append(url); continue }
            for child in children(url) {
                if isPackage(child) { found.append(child); continue }
                found.append(contentsOf: children(child).filter(isPackage))
            }
        }
        return found
    }

    static func isPackage(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("problem.yaml").path)
    }

    static func children(_ url: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
    }

    /// The commit checked out in the git work tree holding `url`, if any.
    static func gitCommit(at url: URL) -> String? {
        let (status, output) = Shell.run("/usr/bin/git", ["-C", url.path, "rev-parse", "HEAD"])
        return status == 0 ? output.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }
}

/// Runs a short helper program (git, tar) and collects its output.
enum Shell {
    /// Runs and returns the exit status with stdout and stderr together (for messages).
    static func run(_ executable: String, _ arguments: [String], currentDirectory: URL? = nil) -> (Int32, String) {
        let (status, data) = runData(executable, arguments, currentDirectory: currentDirectory, mergeErrors: true)
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// Runs and returns the exit status with stdout alone (for binary output such as tar's).
    static func runData(_ executable: String, _ arguments: [String], currentDirectory: URL? = nil, mergeErrors: Bool = false) -> (Int32, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = mergeErrors ? pipe : FileHandle.nullDevice
        do { try process.run() } catch { return (-1, Data()) }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}
