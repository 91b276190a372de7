import ArenaStorage
import ArenaTestSupport
import Logging
import PostgresNIO
import Testing

@Suite struct MigratorTests {
    static let migrations = [
        Migration(group: "demo", name: "001_items", sql: "CREATE TABLE demo.items (id bigserial PRIMARY KEY, name text NOT NULL);"),
        Migration(group: "demo", name: "002_index", sql: "CREATE INDEX items_name ON demo.items (name); INSERT INTO demo.items (name) VALUES ('seed');"),
    ]

    @Test func appliesOnceAndRecords() async throws {
        try await TestDatabase.withEmpty { database in
            try await database.withClient { db in
                let migrator = Migrator(client: db, migrations: Self.migrations, logger: TestDatabase.logger)
                #expect(try await migrator.pending() == ["demo/001_items", "demo/002_index"])
                #expect(try await migrator.migrate() == ["demo/001_items", "demo/002_index"])
                #expect(try await migrator.migrate() == [])
                #expect(try await migrator.pending() == [])
                let count = try await db.query("SELECT count(*)::int FROM demo.items", logger: TestDatabase.logger)
                for try await n in count.decode(Int.self) { #expect(n == 1) }
            }
        }
    }

    @Test func concurrentMigratorsApplyEachMigrationOnce() async throws {
        try await TestDatabase.withEmpty { database in
            // Two separate clients (two "processes") start at the same moment.
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await database.withClient { db in
                            try await Migrator(client: db, migrations: Self.migrations, logger: TestDatabase.logger).migrate()
                        }
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(results.flatMap { $0 }.sorted() == ["demo/001_items", "demo/002_index"])
            try await database.withClient { db in
                let rows = try await db.query("SELECT count(*)::int FROM arena_meta.migrations", logger: TestDatabase.logger)
                for try await n in rows.decode(Int.self) { #expect(n == 2) }
                let seeds = try await db.query("SELECT count(*)::int FROM demo.items", logger: TestDatabase.logger)
                for try await n in seeds.decode(Int.self) { #expect(n == 1) }
            }
        }
    }

    @Test func changedMigrationIsAnErrorNamingIt() async throws {
        try await TestDatabase.withEmpty { database in
            try await database.withClient { db in
                try await Migrator(client: db, migrations: Self.migrations, logger: TestDatabase.logger).migrate()
                var changed = Self.migrations
                changed[0] = Migration(group: "demo", name: "001_items", sql: "CREATE TABLE demo.items (id int);")
                let migrator = Migrator(client: db, migrations: changed, logger: TestDatabase.logger)
                await #expect(throws: MigrationError.changed("demo/001_items")) { try await migrator.migrate() }
                await #expect(throws: MigrationError.changed("demo/001_items")) { try await migrator.pending() }
            }
        }
    }

    @Test func failedMigrationRollsBackAndNamesIt() async throws {
        try await TestDatabase.withEmpty { database in
            try await database.withClient { db in
                let broken = Self.migrations + [Migration(group: "demo", name: "003_broken", sql: "CREATE TABLE demo.x (id int); SELECT nonsense FROM nowhere;")]
                let migrator = Migrator(client: db, migrations: broken, logger: TestDatabase.logger)
                do {
                    try await migrator.migrate()
                    Issue.record("a broken migration was applied")
                } catch let error as MigrationError {
                    #expect(error.description.contains("demo/003_broken"))
                } catch {
                    // PostgresNIO wraps the closure's error in a transaction error.
                    #expect(String(describing: error).contains("demo/003_broken"))
                }
                // Nothing of the run stayed: the earlier two are pending again.
                let pending = try await migrator.pending()
                #expect(pending == ["demo/001_items", "demo/002_index", "demo/003_broken"])
            }
        }
    }
}
