import ArenaStorage

/// The `scoring` schema: per contest, the cursor into the submission event log (a `LogCursor`:
/// `horizon`, `applied`, `events_applied`) and the standings version; per contest, lane and contestant, the row as of its last change.
///
/// Lanes: `jury` (live; also the public view when nothing is hidden), `public` (only while a
/// freeze hides results), `self` (only while frozen: a contestant's own live row, ranked among
/// the public rows). A row's `version` is the standings version that last changed it, so
/// "what changed since V" is one index range. `reset_version` is the version of the last full
/// rewrite: a client behind it must take a snapshot, since rows may also have disappeared.
enum ScoringMigrations {
    static let all: [Migration] = [
        Migration(group: "scoring", name: "001_standings", sql: """
            CREATE TABLE scoring.contests (
                contest_id text PRIMARY KEY,
                event_cursor bigint NOT NULL DEFAULT 0,
                version bigint NOT NULL DEFAULT 0,
                reset_version bigint NOT NULL DEFAULT 0,
                setup text NOT NULL DEFAULT '',
                frozen boolean NOT NULL DEFAULT false,
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE scoring.rows (
                contest_id text NOT NULL REFERENCES scoring.contests(contest_id) ON DELETE CASCADE,
                lane text NOT NULL CHECK (lane IN ('jury', 'public', 'self')),
                user_id bigint NOT NULL,
                username text NOT NULL,
                rank int NOT NULL,
                version bigint NOT NULL,
                row jsonb NOT NULL,
                PRIMARY KEY (contest_id, lane, user_id)
            );
            CREATE INDEX rows_by_version ON scoring.rows (contest_id, lane, version);
            """),
        // The cursor becomes a `LogCursor` (horizon, ids applied above it, count). Standings made
        // with the old id cursor may miss events that committed late: recompute them all.
        Migration(group: "scoring", name: "002_commit_order_cursor", sql: """
            ALTER TABLE scoring.contests RENAME COLUMN event_cursor TO events_applied;
            ALTER TABLE scoring.contests ADD COLUMN horizon xid8 NOT NULL DEFAULT '0', ADD COLUMN applied bigint[] NOT NULL DEFAULT '{}';
            UPDATE scoring.contests SET setup = '', events_applied = 0;
            """),
    ]
}
