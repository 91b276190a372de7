import ArenaStorage

/// The `submissions` schema: submissions, the judge queue, judgements, per-test runs, events.
enum SubmissionMigrations {
    static let all: [Migration] = [
        Migration(group: "submissions", name: "001_submissions", sql: """
            CREATE TABLE submissions.submissions (
                id bigserial PRIMARY KEY,
                user_id bigint NOT NULL,
                username text NOT NULL,
                contest_id text,
                problem_id text NOT NULL,
                problem_version bigint NOT NULL,
                package_hash text NOT NULL,
                language text NOT NULL,
                source text NOT NULL,
                submitted_at timestamptz NOT NULL DEFAULT now(),
                status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'compiling', 'running', 'judged')),
                progress_test int,
                progress_of int
            );
            CREATE INDEX submissions_user ON submissions.submissions (user_id, id DESC);
            CREATE INDEX submissions_contest ON submissions.submissions (contest_id, id DESC);
            CREATE TABLE submissions.judgements (
                id bigserial PRIMARY KEY,
                submission_id bigint NOT NULL REFERENCES submissions.submissions(id),
                problem_version bigint NOT NULL,
                reason text NOT NULL DEFAULT 'submitted',
                created_at timestamptz NOT NULL DEFAULT now(),
                finished_at timestamptz,
                verdict text,
                score float8,
                time_ms int,
                memory_kb int,
                compile_output text,
                error text,
                judge text
            );
            CREATE INDEX judgements_submission ON submissions.judgements (submission_id, id DESC);
            CREATE TABLE submissions.test_runs (
                judgement_id bigint NOT NULL REFERENCES submissions.judgements(id),
                ordinal int NOT NULL,
                name text NOT NULL,
                verdict text NOT NULL,
                time_ms int NOT NULL,
                memory_kb int NOT NULL,
                score float8,
                is_sample boolean NOT NULL,
                message text,
                PRIMARY KEY (judgement_id, ordinal)
            );
            CREATE TABLE submissions.judge_jobs (
                id bigserial PRIMARY KEY,
                submission_id bigint NOT NULL REFERENCES submissions.submissions(id),
                judgement_id bigint NOT NULL REFERENCES submissions.judgements(id),
                state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'claimed', 'done')),
                attempts int NOT NULL DEFAULT 0,
                lease_until timestamptz,
                worker text,
                failures text[] NOT NULL DEFAULT '{}',
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX judge_jobs_open ON submissions.judge_jobs (id) WHERE state <> 'done';
            CREATE TABLE submissions.events (
                id bigserial PRIMARY KEY,
                kind text NOT NULL,
                submission_id bigint NOT NULL,
                contest_id text,
                at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX events_contest ON submissions.events (contest_id, id);
            CREATE TABLE submissions.rate_limits (
                user_id bigint PRIMARY KEY,
                last_at timestamptz NOT NULL
            );
            """),
        // The event log carries what scoring needs, so scoring reads the log and nothing else.
        Migration(group: "submissions", name: "002_event_payload", sql: """
            ALTER TABLE submissions.events ADD COLUMN user_id bigint, ADD COLUMN username text, ADD COLUMN problem_id text,
                ADD COLUMN submitted_at timestamptz, ADD COLUMN verdict text, ADD COLUMN score float8;
            """),
        // The contest's judging settings at submission time (`JudgeSettings` JSON), sent with each job.
        Migration(group: "submissions", name: "003_judging", sql: """
            ALTER TABLE submissions.submissions ADD COLUMN judging jsonb NOT NULL DEFAULT '{}';
            """),
        // A judge that vanished (expired lease) is not the submission's fault: counted apart from
        // failures a judge reported (issue 8). `attempts` stays the claim counter (the attempt token).
        Migration(group: "submissions", name: "004_lost_leases", sql: """
            ALTER TABLE submissions.judge_jobs ADD COLUMN lost int NOT NULL DEFAULT 0, ADD COLUMN reported int NOT NULL DEFAULT 0;
            UPDATE submissions.judge_jobs SET reported = cardinality(failures);
            """),
        // Each event names the transaction that wrote it (any writer: it is a default), so a
        // consumer can tell when every event below a point is committed or gone for good (ids are
        // taken at insert, not at commit); a `judged` event names its judgement, so of two
        // judgements of a submission the later one wins whichever commits first.
        Migration(group: "submissions", name: "005_event_xid", sql: """
            ALTER TABLE submissions.events ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id(), ADD COLUMN judgement_id bigint;
            CREATE INDEX events_xid ON submissions.events (xid);
            """),
    ]
}
