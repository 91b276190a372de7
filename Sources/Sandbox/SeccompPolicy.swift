import SandboxShim

/// What the seccomp filter of every run denies (the policy itself is C: SandboxShim/seccomp.c,
/// installed by `arena-sandbox-init`).
public enum SeccompPolicy {
    /// The system calls that fail with EPERM.
    public static var denied: [String] {
        (0..<arena_seccomp_denied_count()).compactMap { arena_seccomp_denied_name($0).map { String(cString: $0) } }
    }

    /// One line for the self-test.
    public static var summary: String {
        "EPERM for \(denied.count) system calls (\(denied.prefix(6).joined(separator: ", ")), …) and clone with namespace flags; "
            + "ENOSYS for clone3; foreign architectures kill the process"
    }
}
