package io.kmipstack.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables and the migrations that build them. {@code schema_version} records every
 * migration applied (version, time); a store opens a database at or below {@link #LATEST}, brings
 * it up to date in one transaction, and refuses a database written by a newer version.
 *
 * <p>Tables (version 1):
 * <ul>
 * <li>{@code objects}: one row per managed object; {@code insert_seq} is Locate's stable order,
 *     {@code revision} the optimistic-concurrency counter, {@code state} a copy of the State
 *     attribute for operators; the content columns hold only AES-256-GCM ciphertext, its nonce and
 *     the wrapped data key (see {@link Envelope}), all null once the content is destroyed.
 * <li>{@code attributes}: every attribute instance in order ({@code ordinal}); {@code value} is
 *     the TTLV encoding of the 2.x attribute item, in clear, and {@code match_key} its key for
 *     Locate ({@link MatchKeys}), indexed with the tag; null for the kinds of value the index
 *     leaves out (version 2).
 * <li>{@code grants}: identities other than the owner that may use an object.
 * <li>{@code sequences}: the next {@code insert_seq}, allocated inside the write transaction.
 * <li>{@code store_info}: the master key check value.
 * </ul>
 *
 * <p>Version 2 makes {@code attributes} a clustered table (SQLite's {@code WITHOUT ROWID}: one
 * B-tree keyed by (uid, ordinal) instead of a row table plus its key index), indexes only the
 * values {@link LocateQuery#indexable} names (a partial index over the non-null match keys), and
 * keeps short values as their own hex in {@code match_key}, which is in order for time-ordered
 * identifiers and names that count up. A Create of a named key then writes 5 index entries,
 * most at the growing end of the index, instead of 22, many at random places: about 80 KB of
 * disk writes per Create instead of 190, and half the server's CPU (docs/benchmarks.md). It
 * rewrites the table in SQL, in the transaction that opens the store.
 *
 * <p>The DDL sticks to types and constraints PostgreSQL also accepts except {@code BLOB}
 * ({@code BYTEA} there) and {@code WITHOUT ROWID} (a PostgreSQL table is a heap with indexes
 * anyway); a PostgreSQL store will carry its own copy of these migrations.
 */
final class SqlSchema {

    /** One step: the statements that take the schema from {@code version - 1} to {@code version}. */
    record Migration(int version, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, List.of(
                    """
                    CREATE TABLE objects (
                        uid VARCHAR(255) NOT NULL PRIMARY KEY,
                        insert_seq BIGINT NOT NULL UNIQUE,
                        object_type INTEGER NOT NULL,
                        owner VARCHAR(1024) NOT NULL,
                        revision BIGINT NOT NULL,
                        state INTEGER,
                        content_ciphertext BLOB,
                        content_nonce BLOB,
                        wrapped_dek BLOB,
                        created_at BIGINT NOT NULL,
                        updated_at BIGINT NOT NULL)""",
                    "CREATE INDEX objects_owner ON objects (owner, insert_seq)",
                    """
                    CREATE TABLE attributes (
                        uid VARCHAR(255) NOT NULL REFERENCES objects (uid),
                        ordinal INTEGER NOT NULL,
                        tag INTEGER NOT NULL,
                        attribute_index INTEGER,
                        value BLOB NOT NULL,
                        match_key VARCHAR(64) NOT NULL,
                        PRIMARY KEY (uid, ordinal))""",
                    // uid in the index makes it covering: Locate never reads the attribute rows.
                    "CREATE INDEX attributes_match ON attributes (tag, match_key, uid)",
                    """
                    CREATE TABLE grants (
                        uid VARCHAR(255) NOT NULL REFERENCES objects (uid),
                        identity VARCHAR(1024) NOT NULL,
                        PRIMARY KEY (uid, identity))""",
                    "CREATE INDEX grants_identity ON grants (identity, uid)",
                    """
                    CREATE TABLE sequences (
                        name VARCHAR(64) NOT NULL PRIMARY KEY,
                        next_value BIGINT NOT NULL)""",
                    "INSERT INTO sequences (name, next_value) VALUES ('insert_seq', 1)",
                    """
                    CREATE TABLE store_info (
                        name VARCHAR(64) NOT NULL PRIMARY KEY,
                        value BLOB NOT NULL)""")),
            new Migration(2, List.of(
                    """
                    CREATE TABLE attributes_v2 (
                        uid VARCHAR(255) NOT NULL REFERENCES objects (uid),
                        ordinal INTEGER NOT NULL,
                        tag INTEGER NOT NULL,
                        attribute_index INTEGER,
                        value BLOB NOT NULL,
                        match_key VARCHAR(256),
                        PRIMARY KEY (uid, ordinal)) WITHOUT ROWID""",
                    // The value's fourth byte is its TTLV item type: Structure 01, Big Integer 04,
                    // Text String 07 and Byte String 08 are indexed, and any item with an extension
                    // tag, 0x540000 (5505024) to 0x54FFFF (5570559) (LocateQuery.indexable); a value
                    // shorter than MatchKeys.RAW_LIMIT bytes is keyed by its own hex (MatchKeys.of).
                    """
                    INSERT INTO attributes_v2 (uid, ordinal, tag, attribute_index, value, match_key)
                    SELECT uid, ordinal, tag, attribute_index, value,
                        CASE
                            WHEN substr(value, 4, 1) NOT IN (x'01', x'04', x'07', x'08')
                                AND tag NOT BETWEEN 5505024 AND 5570559 THEN NULL
                            WHEN length(value) < 128 THEN '=' || lower(hex(value))
                            ELSE match_key
                        END
                    FROM attributes""",
                    "DROP INDEX attributes_match",
                    "DROP TABLE attributes",
                    "ALTER TABLE attributes_v2 RENAME TO attributes",
                    "CREATE INDEX attributes_match ON attributes (tag, match_key, uid) WHERE match_key IS NOT NULL")));

    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private SqlSchema() {
    }

    /**
     * Applies the missing migrations; the caller holds a write transaction.
     *
     * @return the version the database had before
     */
    static int migrate(Connection c, String where) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
        }
        int current;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            current = rs.getInt(1);
        }
        if (current > LATEST) {
            throw new StoreException(where + ": schema version " + current + " (expected: <= " + LATEST
                    + "; written by a newer kmipstack)");
        }
        for (Migration m : MIGRATIONS) {
            if (m.version() <= current) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                p.setInt(1, m.version());
                p.setLong(2, System.currentTimeMillis());
                p.executeUpdate();
            }
        }
        return current;
    }
}
