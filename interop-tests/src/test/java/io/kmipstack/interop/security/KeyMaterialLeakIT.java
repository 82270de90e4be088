package io.kmipstack.interop.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.client.KmipClient;
import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key material registered through KMIP never appears in clear where it should not: not in the
 * SQLite store's files (database, WAL, shared memory: material is sealed under the master key),
 * not in the audit log, not in the server's log at debug level, and not in the message of any
 * exception a failing request raises. The test greps for each known key as raw bytes, lower- and
 * upper-case hex, and Base64, after the keys were registered, read back, located and used in
 * failing requests; the control is that the same keys do come back intact to their owner.
 */
class KeyMaterialLeakIT {

    @TempDir
    Path dir;

    @Test
    void knownKeyBytesAreNowhereInClear() throws Exception {
        byte[] secret = HexFormat.of().parseHex("5ec0de5ec0de5ec0de0123456789abcdeffedcba98765432100f1e2d3c4b5a6978");
        byte[] aes = HexFormat.of().parseHex("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f91");
        byte[] bad = HexFormat.of().parseHex("badbadbadbad0123456789abcdef0123ff");    // 17 bytes: no AES key
        List<byte[]> keys = List.of(secret, aes, bad);
        List<String> exceptionMessages = new ArrayList<>();

        try (ServerProcess server = ServerProcess.start(dir, 300_000, 1024, "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug")) {
            try (KmipClient client = server.client("alice")) {
                String s = client.sync().register().secretData(SecretDataType.PASSWORD, Bytes.of(secret)).name("leak-secret")
                        .execute().uniqueIdentifier().toString();
                String k = client.sync().register().key(new SecretKeySpec(aes, "AES")).name("leak-aes").execute()
                        .uniqueIdentifier().toString();
                // Control: the owner gets both back intact.
                for (String[] pair : new String[][] {{s, "0"}, {k, "1"}}) {
                    byte[] wire = TtlvEncoder.encode(client.sync().get(pair[0]).encode(KmipVersion.V2_1));
                    assertThat(KillDurabilityIT.indexOf(wire, keys.get(Integer.parseInt(pair[1])))).isNotNegative();
                }
                client.sync().getAttributes(k);
                client.sync().locate().name("leak-aes").execute();
                // Requests that fail with the material in them: a 17-byte "AES" key, a duplicate name.
                for (Runnable failing : List.<Runnable>of(
                        () -> client.sync().register().key(new SecretKeySpec(bad, "AES")).name("leak-bad").execute(),
                        () -> client.sync().register().secretData(SecretDataType.PASSWORD, Bytes.of(secret)).name("leak-secret")
                                .execute())) {
                    try {
                        failing.run();
                    } catch (KmipException e) {
                        exceptionMessages.add(String.valueOf(e));
                        exceptionMessages.add(String.valueOf(e.getCause()));
                    }
                }
            }
            try (KmipClient bob = server.client("bob")) {
                assertThat(bob.sync().locate().name("leak-aes").execute().uniqueIdentifiers()).isEmpty();
            }
            assertThat(exceptionMessages).as("the duplicate-name Register must have failed").isNotEmpty();
        }

        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("pki"))).forEach(files::add);
        }
        assertThat(files).as("store, audit and log files").anyMatch(p -> p.getFileName().toString().endsWith(".log"))
                .anyMatch(p -> p.getFileName().toString().startsWith("audit"))
                .anyMatch(p -> p.startsWith(dir.resolve("data")));
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            String text = new String(content, StandardCharsets.ISO_8859_1);
            for (byte[] key : keys) {
                assertThat(KillDurabilityIT.indexOf(content, key)).as("raw key bytes in %s", f).isNegative();
                for (String form : forms(key)) {
                    assertThat(text).as("key as text in %s", f).doesNotContain(form);
                }
            }
        }
        for (String m : exceptionMessages) {
            for (byte[] key : keys) {
                for (String form : forms(key)) {
                    assertThat(m).as("key in an exception message").doesNotContain(form);
                }
            }
        }
    }

    /** A key as text: hex either case, Base64, and the hex of its first 12 bytes (a partial dump). */
    private static List<String> forms(byte[] key) {
        String hex = HexFormat.of().formatHex(key);
        return List.of(hex, hex.toUpperCase(), Base64.getEncoder().encodeToString(key),
                HexFormat.of().formatHex(key, 0, 12), HexFormat.of().withUpperCase().formatHex(key, 0, 12));
    }
}
