import Foundation
import ProblemPackage

/// Git checkouts without symlink support (core.symlinks=false, some archive tools) turn a
/// symbolic link into a small regular file holding the link's target path. Test data reuses
/// cases through links (`data/secret/subtask2/1.in -> ../subtask1/1.in`), so such a file is
/// followed when its whole content is a relative path (no newline — real text files end with
/// one) to an existing file inside the package.
enum PseudoLinks {
    static func resolve(_ testCase: TestCase, packageRoot: URL) -> TestCase {
        var resolved = testCase
        resolved.input = resolve(testCase.input, packageRoot: packageRoot)
        resolved.answer = resolve(testCase.answer, packageRoot: packageRoot)
        return resolved
    }

    static func resolve(_ url: URL, packageRoot: URL) -> URL {
        var current = url
        for _ in 0..<8 {
            guard let next = target(of: current, packageRoot: packageRoot) else { return current }
            current = next
        }
        return current
    }

    private static func target(of url: URL, packageRoot: URL) -> URL? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = attributes[.size] as? Int, size > 0, size < 512,
              let data = try? Data(contentsOf: url), !data.contains(0x0a), !data.contains(0),
              let text = String(data: data, encoding: .utf8), !text.hasPrefix("/"), text.hasPrefix("."),
              !text.contains(where: \.isWhitespace)
        else { return nil }
        let target = url.deletingLastPathComponent().appendingPathComponent(text).standardizedFileURL
        let root = packageRoot.standardizedFileURL.path + "/"
        var isDirectory: ObjCBool = false
        guard target.path.hasPrefix(root), FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory),
              !isDirectory.boolValue, target.path != url.standardizedFileURL.path else { return nil }
        return target
    }
}
