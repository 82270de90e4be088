package io.kmipstack.benchmarks.store;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.server.store.LocateQuery;
import io.kmipstack.server.store.MasterKey;
import io.kmipstack.server.store.ObjectStore;
import io.kmipstack.server.store.ObjectStores;
import io.kmipstack.server.store.StoredObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How many durable Creates per second the SQLite store itself takes on this machine, with no
 * network, TLS or KMIP around it: one thread, as the server's single writer, stores {@code group}
 * objects per transaction (the server's group commit merges at most as many Creates as there are
 * clients waiting), each as a Create of an AES-256 key leaves it: 22 attributes and its sealed
 * content, after the same name check. The figure bounds what any KMIP server on this store can do
 * here; docs/benchmarks.md compares it with the load runs.
 *
 * <p>With {@code --lean} it runs, in plain SQL on the same SQLite settings, a layout this store
 * does not use: one row per object with its attributes in one blob, and only the five index
 * entries our store keeps for such a key (identifier, short identifier, digest, name, random
 * number generator). It shows what SQLite allows for a durable Create at best, whatever the
 * schema.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.kmipstack.benchmarks.store.CreateCeiling [--lean] [group] [seconds]
 * </pre>
 */
public final class CreateCeiling {

    private CreateCeiling() {
    }

    public static void main(String[] args) throws Exception {
        boolean lean = args.length > 0 && args[0].equals("--lean");
        if (lean) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        int group = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        if (group < 1 || seconds < 1) {
            throw new IllegalArgumentException("group: " + group + ", seconds: " + seconds + " (expected: both >= 1)");
        }
        Path dir = Files.createTempDirectory("kmip-create-ceiling");
        SecureRandom random = new SecureRandom();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String prefix = "kmip-ceiling-" + Long.toHexString(random.nextLong()) + "-";
        long created = 0;
        if (lean) {
            try {
                LeanLayout.run(dir, group, seconds, prefix, random);
            } finally {
                delete(dir);
            }
            return;
        }
        try (ObjectStore store = ObjectStores.sqlite(dir, MasterKey.generate())) {
            long[] n = {0};
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < warmEnd) {
                createGroup(store, group, prefix, n, random);
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long before = n[0];
            while (System.nanoTime() < end) {
                createGroup(store, group, prefix, n, random);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            created = n[0] - before;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            System.out.printf("group %d: %.0f Creates/s, writer thread CPU %.1f us per Create (%d Creates in %.1f s)%n",
                    group, created / elapsed, cpu / 1e3 / created, created, elapsed);
        } finally {
            delete(dir);
        }
    }

    static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void createGroup(ObjectStore store, int group, String prefix, long[] n, SecureRandom random) {
        store.transact(tx -> {
            for (int i = 0; i < group; i++) {
                String uid = tx.newUniqueIdentifier();
                KmipAttribute name = KmipAttribute.of(Ttlv.structure(Tag.NAME,
                        Ttlv.text(Tag.NAME_VALUE, prefix + n[0]++), Ttlv.enumeration(Tag.NAME_TYPE, 1)));
                // The server refuses a name another live object has: one Locate by Name per Create.
                if (!tx.locate(new LocateQuery("kmip-client", null, List.of(name), 0, null)).isEmpty()) {
                    throw new IllegalStateException("name " + name + " taken");
                }
                byte[] key = new byte[32];
                random.nextBytes(key);
                tx.insert(new StoredObject(uid, ObjectType.SYMMETRIC_KEY, "kmip-client", 0, attributes(uid, name, key),
                        Bytes.wrap(TtlvEncoder.encode(symmetricKey(key)))));
            }
            return null;
        });
    }

    /** The 22 attributes our server gives a generated AES-256 key (CreateHandler, NewObjects). */
    private static List<KmipAttribute> attributes(String uid, KmipAttribute name, byte[] key) {
        long now = System.currentTimeMillis() / 1000;
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256: not available", e);
        }
        List<Ttlv> items = new ArrayList<>();
        items.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
        items.add(Ttlv.bytes(Tag.SHORT_UNIQUE_IDENTIFIER, Bytes.wrap(sha.digest(uid.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))));
        items.add(Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()));
        items.add(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, 3));
        items.add(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256));
        items.add(Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 12));
        items.add(Ttlv.structure(Tag.DIGEST, Ttlv.enumeration(Tag.HASHING_ALGORITHM, 6),
                Ttlv.bytes(Tag.DIGEST_VALUE, Bytes.wrap(sha.digest(key))), Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, 1)));
        items.add(name.item());
        items.add(Ttlv.enumeration(Tag.STATE, 1));
        items.add(Ttlv.dateTime(Tag.INITIAL_DATE, now));
        items.add(Ttlv.dateTime(Tag.ORIGINAL_CREATION_DATE, now));
        items.add(Ttlv.dateTime(Tag.LAST_CHANGE_DATE, now));
        items.add(Ttlv.structure(Tag.RANDOM_NUMBER_GENERATOR, Ttlv.enumeration(Tag.RNG_ALGORITHM, 1)));
        items.add(Ttlv.bool(Tag.SENSITIVE, false));
        items.add(Ttlv.bool(Tag.ALWAYS_SENSITIVE, false));
        items.add(Ttlv.bool(Tag.EXTRACTABLE, true));
        items.add(Ttlv.bool(Tag.NEVER_EXTRACTABLE, false));
        items.add(Ttlv.bool(Tag.FRESH, true));
        items.add(Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, 1));
        items.add(Ttlv.dateTime(Tag.ACTIVATION_DATE, now));
        items.add(Ttlv.interval(Tag.LEASE_TIME, 3600));
        items.add(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS, 1));
        List<KmipAttribute> out = new ArrayList<>(items.size());
        for (Ttlv t : items) {
            out.add(KmipAttribute.of(t));
        }
        return out;
    }

    private static Ttlv symmetricKey(byte[] key) {
        return Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
                Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, 1),
                Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, Bytes.wrap(key))),
                Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, 3),
                Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
    }
}
