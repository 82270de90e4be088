package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.ttlv.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster-kms}: the DEK derivation of Constellation's cluster KMS, checked with the RFC 5869
 * vector whose info is text (case 3 has an empty salt, which Constellation's backend refuses, and
 * so does this one) and with the two vectors Constellation's own tests derive DEKs from
 * ({@code internal/crypto/testvector}: HKDFZero and HKDF0xFF, DEK id "key-" + a UUID).
 */
class ClusterKmsTest {

    private static Bytes repeat(int value, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return Bytes.of(b);
    }

    @Test
    void constellationVectorAllZero() {
        try (CloudKms kms = new ClusterKms(repeat(0, 32), repeat(0, 32))) {
            assertThat(kms.getDek("key-00000000-0000-0000-0000-000000000000", 32).toHex())
                    .isEqualToIgnoringCase("2b5c829f691bfd4232f8aac464bccc07e605c7c8e82cbca09837e86d0b6d0665");
        }
    }

    @Test
    void constellationVectorAllOnesIsCaseSensitive() {
        try (CloudKms kms = new ClusterKms(repeat(0xff, 32), repeat(0xff, 32))) {
            Bytes lower = kms.getDek("key-ffffffff-ffff-ffff-ffff-ffffffffffff", 32);
            assertThat(lower.toHex()).isEqualToIgnoringCase("1484aa39d3415e906e07940ff215d8b1eee705d3027dba93306af4abff4f70be");
            assertThat(kms.getDek("KEY-FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", 32)).isNotEqualTo(lower);
        }
    }

    @Test
    void rfc5869CaseA1ThroughTheKmsWhenTheInfoIsText() {
        // Case 1's info (f0..f9) is not UTF-8 text, so it cannot be a DEK id; the KMS is HKDF with
        // info = UTF-8(id): check that identity on an id, against the primitive RFC-tested above.
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        byte[] salt = new byte[13];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) i;
        }
        try (CloudKms kms = new ClusterKms(Bytes.of(ikm), Bytes.of(salt))) {
            assertThat(kms.getDek("disk-ü", 42).toByteArray())
                    .isEqualTo(Hkdf.derive(ikm, salt, "disk-ü".getBytes(java.nio.charset.StandardCharsets.UTF_8), 42));
        }
    }

    @Test
    void emptySecretOrSaltIsRefusedAsConstellationDoes() {
        assertThatThrownBy(() -> new ClusterKms(Bytes.EMPTY, repeat(1, 32))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cluster-kms master secret: empty");
        assertThatThrownBy(() -> new ClusterKms(repeat(1, 32), Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cluster-kms salt: empty");
    }

    @Test
    void sameDekAcrossCallsAndInstancesFromFiles(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key");
        Path salt = dir.resolve("salt");
        Files.write(key, repeat(0, 32).toByteArray());
        Files.write(salt, repeat(0, 32).toByteArray());
        String uri = "kms://cluster-kms?keyFile=" + key + "&saltFile=" + salt;
        Bytes first;
        try (CloudKms kms = KmsFactory.open(uri, "storage://memory")) {
            first = kms.getDek("key-00000000-0000-0000-0000-000000000000", 32);
            assertThat(kms.getDek("key-00000000-0000-0000-0000-000000000000", 32)).isEqualTo(first);
        }
        try (CloudKms restarted = KmsFactory.open(uri, "storage://memory")) {
            assertThat(restarted.getDek("key-00000000-0000-0000-0000-000000000000", 32)).isEqualTo(first);
        }
        assertThat(first.toHex()).isEqualToIgnoringCase("2b5c829f691bfd4232f8aac464bccc07e605c7c8e82cbca09837e86d0b6d0665");
    }

    @Test
    void sizeIsChecked() {
        try (CloudKms kms = new ClusterKms(repeat(1, 32), repeat(2, 32))) {
            assertThatThrownBy(() -> kms.getDek("a", 0)).hasMessage("dek size: 0 (expected: 1 to 8160)");
            assertThat(kms.getDek("a", 16).toByteArray()).isEqualTo(Arrays.copyOf(kms.getDek("a", 32).toByteArray(), 16));
        }
    }
}
