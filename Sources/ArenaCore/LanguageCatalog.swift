/// A submission language as users pick it (DESIGN.md §6 ids). How it is compiled and run is
/// the judge's configuration; this is only the list and the names.
public struct LanguageInfo: Sendable, Equatable {
    /// Id used in the API (`cpp`, `python3`, …).
    public let id: String
    /// Name shown in the submit form.
    public let name: String
    /// Languages of one family run the same sources (CPython and PyPy): a contest may judge one
    /// as another of its family.
    public let family: String
    /// Programs that name this language in a contest's `languages.yaml` `run`/`compile` command.
    public let programs: [String]

    /// Creates an entry; the family defaults to the id itself.
    public init(id: String, name: String, family: String? = nil, programs: [String] = []) {
        self.id = id
        self.name = name
        self.family = family ?? id
        self.programs = programs
    }
}

/// The languages Arena accepts.
public enum LanguageCatalog {
    /// In the order the submit form shows them.
    public static let all: [LanguageInfo] = [
        LanguageInfo(id: "cpp", name: "C++20 (g++)", programs: ["g++", "c++", "clang++"]),
        LanguageInfo(id: "c", name: "C17 (gcc)", programs: ["gcc", "cc", "clang"]),
        LanguageInfo(id: "python3", name: "Python 3", family: "python3", programs: ["python3", "python"]),
        LanguageInfo(id: "pypy3", name: "Python 3 (PyPy)", family: "python3", programs: ["pypy3"]),
        LanguageInfo(id: "java", name: "Java (OpenJDK)", programs: ["java", "javac"]),
        LanguageInfo(id: "rust", name: "Rust (rustc)", programs: ["rustc"]),
    ]

    /// The language with `id`.
    public static func find(_ id: String) -> LanguageInfo? { all.first { $0.id == id } }

    /// The language a command line starts (`pypy3 "{mainfile}"` → pypy3), by its program's name.
    public static func started(by program: String) -> LanguageInfo? {
        let name = program.split(separator: "/").last.map(String.init) ?? program
        return all.first { $0.programs.contains(name) }
    }
}
