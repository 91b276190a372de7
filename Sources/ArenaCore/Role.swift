import Foundation

/// A user's role. A user holds one or more; `admin` implies everything `jury` may do.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// Takes part in contests and submits.
    case contestant
    /// Judges a contest: sees all submissions and hidden tests, rejudges, answers clarifications.
    case jury
    /// Runs the platform: users, imports, contests.
    case admin
    /// A judge worker: only the judge API (a machine identity, never a person).
    case judge

    private var rank: Int {
        switch self {
        case .contestant: 0
        case .judge: 1
        case .jury: 2
        case .admin: 3
        }
    }

    /// Orders roles by privilege.
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// Parses a comma-separated role list such as `"jury,contestant"`.
public func parseRoles(_ text: String) -> [Role]? {
    var roles: [Role] = []
    for part in text.split(separator: ",") {
        guard let role = Role(rawValue: part.trimmingCharacters(in: .whitespaces)) else { return nil }
        if !roles.contains(role) { roles.append(role) }
    }
    return roles.isEmpty ? nil : roles.sorted()
}
