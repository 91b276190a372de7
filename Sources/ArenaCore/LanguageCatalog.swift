/// A submission language as users pick it (DESIGN.md §6 ids). How it is compiled and run is
/// the judge's configuration; this is only the list and the names.
public struct LanguageInfo: Sendable, Equatable {
    /// Id used in the API (`cpp`, `python3`, …).
    public let id: String
    /// Name shown in the submit form.
    public let name: String
}

/// The languages Arena accepts.
public enum LanguageCatalog {
    /// In the order the submit form shows them.
    public static let all: [LanguageInfo] = [
        LanguageInfo(id: "cpp", name: "C++20 (g++)"),
        LanguageInfo(id: "c", name: "C17 (gcc)"),
        LanguageInfo(id: "python3", name: "Python 3"),
        LanguageInfo(id: "java", name: "Java (OpenJDK)"),
        LanguageInfo(id: "rust", name: "Rust (rustc)"),
    ]

    /// The language with `id`.
    public static func find(_ id: String) -> LanguageInfo? { all.first { $0.id == id } }
}
