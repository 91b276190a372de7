/// One setting of Arena: its environment variable and its command-line flag (either may be
/// absent), its default and what it means. `ArenaConfig.settings` lists every one; the README's
/// Configuration table is this list, and a test keeps both and the code in step.
public struct ConfigSetting: Sendable, Equatable {
    /// `ARENA_…` (or `LOG_LEVEL`), nil when only a flag sets it.
    public let variable: String?
    /// `--flag` (every subcommand that takes it) or `sub --flag`, nil when only the variable does.
    public let flag: String?
    /// The default, as the README shows it.
    public let defaultValue: String
    /// What it does.
    public let meaning: String

    init(_ variable: String?, _ flag: String?, _ defaultValue: String, _ meaning: String) {
        self.variable = variable
        self.flag = flag
        self.defaultValue = defaultValue
        self.meaning = meaning
    }
}

extension ArenaConfig {
    /// Every setting, in the README's order.
    public static let settings: [ConfigSetting] = [
        .init("ARENA_DATABASE_URL", "--database-url", "`postgres://arena:arena@127.0.0.1:5432/arena`", "PostgreSQL"),
        .init("ARENA_HOST", "serve --host", "`127.0.0.1`", "listen address"),
        .init("ARENA_PORT", "serve --port", "`8080`", "listen port"),
        .init("ARENA_DATA_DIR", "--data-dir", "`./data`", "generated JWT key, caches"),
        .init("ARENA_JWT_PRIVATE_KEY_FILE", "--jwt-private-key-file", "`<data>/jwt-ed25519.pem`, generated once", "Ed25519 key (PEM) that signs access tokens"),
        .init("ARENA_JWT_PUBLIC_KEY_FILE", "--jwt-public-key-file", "derived from the private key", "for roles that only verify tokens"),
        .init("ARENA_RESOURCES", nil, "the source checkout", "folder holding `Templates/` and `Public/` (set in the container image)"),
        .init("ARENA_PROBLEMS_REPO", "problems sync --repo", "—", "git URL or path of the problems repository (`arena problems sync`)"),
        .init("ARENA_SERVER_URL", "judge --server", "—", "where a judge worker finds the server"),
        .init("ARENA_JUDGE_TOKEN", "judge --token", "—", "a judge worker's token (`arena token create --role judge`)"),
        .init("ARENA_JUDGE_CACHE", nil, "`<tmp>/arena-judge-cache`", "build cache of a judge engine made without a cache folder (the judge tests; `serve`, `judge` and `verify` name their own)"),
        .init("ARENA_LANGUAGES", nil, "`./config/languages.yaml`, else the built-in table", "the judge's languages file"),
        .init("ARENA_SUBMISSION_GAP", "serve --submission-gap", "`5`", "seconds a user waits between submissions (stored in PostgreSQL)"),
        .init("ARENA_JUDGE_LEASE", "serve --judge-lease", "`30`", "seconds a judge's claim lasts without a heartbeat"),
        .init("ARENA_SANDBOX_INIT", nil, "`arena-sandbox-init` beside the executable", "pid 1 of every sandboxed run (built by `scripts/sandbox-init`)"),
        .init("ARENA_RUN_SLOTS", nil, "active CPUs", "judged runs (test case or compilation) at once on this machine, across all Arena processes (0: no limit)"),
        .init("ARENA_IDLE_TIMEOUT", "serve --idle-timeout", "`30`", "seconds a connection may sit with no request under way before it is closed"),
        .init("ARENA_HEADER_TIMEOUT", "serve --header-timeout", "`10`", "seconds a request's headers may take from their first byte (then 408 and close)"),
        .init("ARENA_BODY_TIMEOUT", "serve --body-timeout", "`30`", "seconds a request body may pause between bytes (then close)"),
        .init("ARENA_MAX_HEADER_BYTES", "serve --max-header-bytes", "`32768`", "largest request line and headers (then 431 and close)"),
        .init("ARENA_ALLOWED_ORIGINS", "serve --allowed-origins", "the site's own origin", "comma-separated origins (`https://contest.example`) also allowed to open WebSockets"),
        .init("LOG_LEVEL", "--log-level", "`info`", "trace, debug, info, notice, warning, error"),
        .init(nil, "serve --roles", "`all`", "`web,auth,contests,submissions,scoring,leaderboard`"),
        .init(nil, "serve --no-migrate", "migrate", "skip migrations at start"),
        .init(nil, "serve --judges", "`1`", "in-process judge workers (0: none)"),
    ]
}
