import ArenaStorage

/// The `contests` schema: problems and their immutable versions, imports, contests, registrations.
enum ContestMigrations {
    static let all: [Migration] = [
        Migration(group: "contests", name: "001_problems", sql: """
            CREATE TABLE contests.package_blobs (
                content_hash text PRIMARY KEY,
                archive bytea NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE contests.problems (
                id text PRIMARY KEY,
                current_version bigint,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE contests.problem_versions (
                id bigserial PRIMARY KEY,
                problem_id text NOT NULL REFERENCES contests.problems(id),
                content_hash text NOT NULL REFERENCES contests.package_blobs(content_hash),
                git_commit text,
                name text NOT NULL,
                format_version text NOT NULL,
                types text[] NOT NULL,
                time_limit float8 NOT NULL,
                memory_mib int NOT NULL,
                output_mib int NOT NULL,
                code_kib int NOT NULL,
                statements jsonb NOT NULL,
                samples_html text NOT NULL,
                credits text,
                source text,
                license text,
                test_count int NOT NULL,
                imported_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (problem_id, content_hash)
            );
            ALTER TABLE contests.problems ADD FOREIGN KEY (current_version) REFERENCES contests.problem_versions(id);
            CREATE TABLE contests.statement_assets (
                content_hash text NOT NULL REFERENCES contests.package_blobs(content_hash),
                path text NOT NULL,
                content_type text NOT NULL,
                bytes bytea NOT NULL,
                PRIMARY KEY (content_hash, path)
            );
            CREATE TABLE contests.imports (
                id bigserial PRIMARY KEY,
                source text NOT NULL,
                problem_id text,
                version_id bigint REFERENCES contests.problem_versions(id),
                status text NOT NULL CHECK (status IN ('new', 'unchanged', 'failed')),
                errors text[] NOT NULL DEFAULT '{}',
                git_commit text,
                at timestamptz NOT NULL DEFAULT now()
            );
            """),
        Migration(group: "contests", name: "002_contests", sql: """
            CREATE TABLE contests.contests (
                id text PRIMARY KEY,
                name text NOT NULL,
                start_time timestamptz NOT NULL,
                duration_s int NOT NULL CHECK (duration_s > 0),
                freeze_s int CHECK (freeze_s IS NULL OR (freeze_s >= 0 AND freeze_s <= duration_s)),
                scoring text NOT NULL CHECK (scoring IN ('icpc', 'ioi', 'codeforces')),
                penalty_minutes int NOT NULL DEFAULT 20,
                public boolean NOT NULL DEFAULT true,
                open_registration boolean NOT NULL DEFAULT true,
                published boolean NOT NULL DEFAULT true,
                unfrozen boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE contests.contest_problems (
                contest_id text NOT NULL REFERENCES contests.contests(id) ON DELETE CASCADE,
                problem_id text NOT NULL REFERENCES contests.problems(id),
                label text NOT NULL,
                ordinal int NOT NULL,
                points int,
                rgb text,
                PRIMARY KEY (contest_id, problem_id),
                UNIQUE (contest_id, label)
            );
            CREATE TABLE contests.registrations (
                contest_id text NOT NULL REFERENCES contests.contests(id) ON DELETE CASCADE,
                user_id bigint NOT NULL,
                username text NOT NULL,
                registered_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (contest_id, user_id)
            );
            """),
        Migration(group: "contests", name: "003_import_warnings_contest_judging", sql: """
            ALTER TABLE contests.imports ADD COLUMN warnings text[] NOT NULL DEFAULT '{}';
            ALTER TABLE contests.contests ADD COLUMN judging jsonb NOT NULL DEFAULT '{}';
            ALTER TABLE contests.problem_versions ADD COLUMN memory_declared boolean NOT NULL DEFAULT true;
            """),
    ]
}
