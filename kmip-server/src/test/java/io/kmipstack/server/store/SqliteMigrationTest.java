package io.kmipstack.server.store;

import static io.kmipstack.server.store.ObjectStoreContractTest.group;
import static io.kmipstack.server.store.ObjectStoreContractTest.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by schema version 1 (every attribute indexed by the SHA-256 of its encoding, in
 * a row table) opens under the current version with every object, attribute and Locate answer
 * intact. The version 1 file is made by writing objects through the store and then putting the
 * attributes table back as version 1 built and filled it.
 */
class SqliteMigrationTest {

    private static final MasterKey KEY = MasterKey.fromBytes(Bytes.fromHex("11".repeat(32)));

    @TempDir
    Path dataDir;

    @Test
    void aVersion1StoreOpensWithEveryObjectAndLocateAnswer() throws Exception {
        KmipAttribute longName = name("n".repeat(200)); // encoded past MatchKeys.RAW_LIMIT: keeps its digest
        KmipAttribute vendor = KmipAttribute.of(Ttlv.longInteger(0x540001, 7L));
        KmipAttribute fresh = KmipAttribute.of(Ttlv.bool(Tag.FRESH, true));
        KmipAttribute created = KmipAttribute.of(Ttlv.dateTime(Tag.INITIAL_DATE, 1_700_000_000L));
        KmipAttribute aes = KmipAttribute.of(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()));
        List<KmipAttribute> attributes = List.of(name("short"), longName, vendor, fresh, created, aes, group("g"));
        Bytes content = ObjectStoreContractTest.content(1);
        String a;
        String b;
        try (ObjectStore store = ObjectStores.sqlite(dataDir, KEY)) {
            a = insert(store, attributes, content);
            b = insert(store, List.of(name("other"), group("g")), null);
        }
        int rows = downgradeToVersion1();
        assertThat(rows).isEqualTo(attributes.size() + 2);

        try (ObjectStore store = ObjectStores.sqlite(dataDir, KEY)) {
            StoredObject read = store.read(tx -> tx.get(a)).orElseThrow();
            assertThat(read.attributes()).containsExactlyElementsOf(attributes);
            assertThat(read.content()).isEqualTo(content);
            assertThat(locate(store, name("short"))).containsExactly(a);
            assertThat(locate(store, longName)).containsExactly(a);
            assertThat(locate(store, vendor)).containsExactly(a);
            assertThat(locate(store, group("g"))).containsExactly(a, b);
            assertThat(locate(store, name("other"))).containsExactly(b);
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("kmip.db"))) {
            Map<Integer, String> keys = new HashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT tag, match_key FROM attributes WHERE uid = '" + a + "' ORDER BY ordinal")) {
                while (rs.next()) {
                    keys.put(rs.getInt(1), rs.getString(2));
                }
            }
            // Values the index leaves out have no key; short values are their own hex; long ones keep the digest.
            assertThat(keys.get(Tag.FRESH)).isNull();
            assertThat(keys.get(Tag.INITIAL_DATE)).isNull();
            assertThat(keys.get(Tag.CRYPTOGRAPHIC_ALGORITHM)).isNull();
            assertThat(keys.get(0x540001)).isEqualTo("=" + HexFormat.of().formatHex(TtlvEncoder.encode(vendor.item())));
            assertThat(keys.get(Tag.NAME)).isEqualTo(sha256Hex(TtlvEncoder.encode(longName.item())));
            assertThat(keys.get(Tag.OBJECT_GROUP)).startsWith("=");
            List<Integer> versions = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            assertThat(versions).containsExactly(1, 2);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
        }
    }

    /** Puts the attributes table back as schema version 1 made it; returns the rows copied. */
    private int downgradeToVersion1() throws Exception {
        List<String> v1 = new ArrayList<>();
        for (String sql : SqlSchema.MIGRATIONS.get(0).statements()) {
            if (sql.contains("TABLE attributes") || sql.contains("INDEX attributes_match")) {
                v1.add(sql);
            }
        }
        assertThat(v1).hasSize(2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("kmip.db"))) {
            c.setAutoCommit(false);
            List<Object[]> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT uid, ordinal, tag, attribute_index, value FROM attributes")) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getObject(4), rs.getBytes(5)});
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP INDEX attributes_match");
                s.execute("DROP TABLE attributes");
                for (String sql : v1) {
                    s.execute(sql);
                }
                s.execute("DELETE FROM schema_version WHERE version > 1");
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO attributes (uid, ordinal, tag, attribute_index, value, match_key) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Object[] r : rows) {
                    p.setString(1, (String) r[0]);
                    p.setInt(2, (Integer) r[1]);
                    p.setInt(3, (Integer) r[2]);
                    p.setObject(4, r[3]);
                    p.setBytes(5, (byte[]) r[4]);
                    p.setString(6, sha256Hex((byte[]) r[4])); // version 1 keyed every value by its digest
                    p.executeUpdate();
                }
            }
            c.commit();
            return rows.size();
        }
    }

    private static String insert(ObjectStore store, List<KmipAttribute> attributes, Bytes content) {
        return store.transact(tx -> {
            String uid = tx.newUniqueIdentifier();
            tx.insert(new StoredObject(uid, ObjectType.SYMMETRIC_KEY, "alice", 0, attributes, content));
            return uid;
        });
    }

    private static List<String> locate(ObjectStore store, KmipAttribute filter) {
        return store.read(tx -> tx.locate(new LocateQuery("alice", null, List.of(filter), 0, null)));
    }

    private static String sha256Hex(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
