import ArenaStorage

/// The `auth` schema: users, refresh tokens, login failures.
enum AuthMigrations {
    static let all: [Migration] = [
        Migration(group: "auth", name: "001_users", sql: """
            CREATE TABLE auth.users (
                id bigserial PRIMARY KEY,
                username text NOT NULL,
                display_name text NOT NULL,
                password_hash text NOT NULL,
                roles text[] NOT NULL DEFAULT '{contestant}',
                is_team boolean NOT NULL DEFAULT false,
                disabled boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE UNIQUE INDEX users_username_key ON auth.users (lower(username));
            """),
        Migration(group: "auth", name: "002_refresh_tokens", sql: """
            CREATE TABLE auth.refresh_tokens (
                id bigserial PRIMARY KEY,
                user_id bigint NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
                family uuid NOT NULL,
                token_hash text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL DEFAULT now(),
                expires_at timestamptz NOT NULL,
                used_at timestamptz,
                revoked_at timestamptz
            );
            CREATE INDEX refresh_tokens_family ON auth.refresh_tokens (family);
            """),
        Migration(group: "auth", name: "003_login_failures", sql: """
            CREATE TABLE auth.login_failures (
                key text NOT NULL,
                at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX login_failures_key_at ON auth.login_failures (key, at);
            """),
    ]
}
