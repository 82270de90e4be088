package io.kmipstack.benchmarks.store;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * {@link CreateCeiling}'s {@code --lean} mode: a durable Create in the leanest SQLite layout we
 * could think of for it, in plain JDBC with the store's pragmas (WAL, {@code synchronous=FULL},
 * {@code secure_delete}). Per object: one row holding the sealed content and a 700-byte blob in
 * place of its 22 attribute rows, and five (tag, key, uid) entries in an index-only table; per
 * transaction, one sequence update. Random bytes stand in for the sealed values: the figure is
 * about SQLite's work, not the cryptography.
 */
final class LeanLayout {

    private LeanLayout() {
    }

    static void run(Path dir, int group, int seconds, String prefix, SecureRandom random) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lean.db"))) {
            try (Statement s = c.createStatement()) {
                for (String p : new String[] {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA secure_delete = ON",
                        "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -32768"}) {
                    s.execute(p);
                }
                s.execute("CREATE TABLE objects (uid VARCHAR(255) NOT NULL PRIMARY KEY, insert_seq BIGINT NOT NULL UNIQUE,"
                        + " owner VARCHAR(1024) NOT NULL, revision BIGINT NOT NULL, content BLOB, nonce BLOB, wrapped_dek BLOB,"
                        + " attributes BLOB NOT NULL)");
                s.execute("CREATE INDEX objects_owner ON objects (owner, insert_seq)");
                s.execute("CREATE TABLE matches (tag INTEGER NOT NULL, match_key VARCHAR(256) NOT NULL, uid VARCHAR(255) NOT NULL,"
                        + " PRIMARY KEY (tag, match_key, uid)) WITHOUT ROWID");
                s.execute("CREATE TABLE sequences (name VARCHAR(64) NOT NULL PRIMARY KEY, next_value BIGINT NOT NULL)");
                s.execute("INSERT INTO sequences VALUES ('insert_seq', 1)");
            }
            c.setAutoCommit(false);
            PreparedStatement object = c.prepareStatement("INSERT INTO objects VALUES (?, ?, 'kmip-client', 1, ?, ?, ?, ?)");
            PreparedStatement match = c.prepareStatement("INSERT INTO matches VALUES (?, ?, ?)");
            PreparedStatement nameCheck = c.prepareStatement("SELECT o.uid FROM matches m JOIN objects o ON o.uid = m.uid"
                    + " WHERE m.tag = 4325459 AND m.match_key = ? AND o.owner = 'kmip-client'");
            PreparedStatement sequence = c.prepareStatement("UPDATE sequences SET next_value = ? WHERE name = 'insert_seq'");
            HexFormat hex = HexFormat.of();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long seq = 1;
            long n = 0;
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            long start = 0;
            long before = 0;
            long cpu0 = 0;
            long end = Long.MAX_VALUE;
            while (System.nanoTime() < end) {
                if (start == 0 && System.nanoTime() >= warmEnd) {
                    start = System.nanoTime();
                    end = start + seconds * 1_000_000_000L;
                    before = n;
                    cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                }
                for (int i = 0; i < group; i++) {
                    // Time-ordered and 36 characters, like the store's UUID version 7 identifiers.
                    String uid = String.format("%016x-%019x", System.currentTimeMillis() << 20 | (n & 0xFFFFF), random.nextLong() >>> 1);
                    String name = "=" + hex.formatHex((prefix + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    nameCheck.setString(1, name);
                    try (ResultSet rs = nameCheck.executeQuery()) {
                        if (rs.next()) {
                            throw new IllegalStateException("name taken");
                        }
                    }
                    byte[] content = new byte[88];
                    byte[] nonce = new byte[12];
                    byte[] dek = new byte[40];
                    byte[] attributes = new byte[700];
                    random.nextBytes(content);
                    random.nextBytes(nonce);
                    random.nextBytes(dek);
                    random.nextBytes(attributes);
                    object.setString(1, uid);
                    object.setLong(2, seq++);
                    object.setBytes(3, content);
                    object.setBytes(4, nonce);
                    object.setBytes(5, dek);
                    object.setBytes(6, attributes);
                    object.executeUpdate();
                    String[][] keys = {
                        {"4325524", "=" + hex.formatHex(uid.getBytes(java.nio.charset.StandardCharsets.US_ASCII))},
                        {"4325686", "=" + hex.formatHex(sha.digest(uid.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))},
                        {"4325428", "=" + hex.formatHex(sha.digest(content))},
                        {"4325459", name},
                        {"4325598", "=4200de0100000010"},
                    };
                    for (String[] k : keys) {
                        match.setInt(1, Integer.parseInt(k[0]));
                        match.setString(2, k[1]);
                        match.setString(3, uid);
                        match.addBatch();
                    }
                    match.executeBatch();
                    n++;
                }
                sequence.setLong(1, seq);
                sequence.executeUpdate();
                c.commit();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long created = n - before;
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
            System.out.printf("lean layout, group %d: %.0f Creates/s, writer thread CPU %.1f us per Create (%d Creates in %.1f s)%n",
                    group, created / elapsed, cpu / 1e3 / created, created, elapsed);
        }
    }
}
