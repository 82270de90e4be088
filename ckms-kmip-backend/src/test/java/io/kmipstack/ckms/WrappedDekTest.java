package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.ttlv.Bytes;
import org.junit.jupiter.api.Test;

/** The blob format: a byte-exact layout, strict parsing, and a binding that covers the id and header. */
class WrappedDekTest {

    private static final WrappedDek SAMPLE = new WrappedDek(WrapMethod.GCM, "kek-1", 32, Bytes.fromHex("000102030405060708090A0B"),
            Bytes.fromHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF"), Bytes.fromHex("AA".repeat(32)));

    @Test
    void layout() {
        String expected = ""
                + "434B4D53" // "CKMS"
                + "01" // format version 1
                + "01" // wrap method 1: AES-256-GCM
                + "0020" // DEK length 32
                + "0005" + "6B656B2D31" // KEK id "kek-1"
                + "0C" + "000102030405060708090A0B" // IV
                + "10" + "F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF" // tag
                + "0020" + "AA".repeat(32); // ciphertext
        assertThat(SAMPLE.encode().toHex()).isEqualTo(expected);
        assertThat(WrappedDek.decode("d", SAMPLE.encode())).isEqualTo(SAMPLE);
    }

    @Test
    void bindingCoversIdAndHeader() {
        byte[] b = SAMPLE.binding("disk-1");
        assertThat(b).isEqualTo(WrappedDek.binding("disk-1", WrapMethod.GCM, "kek-1", 32));
        assertThat(b).isNotEqualTo(SAMPLE.binding("disk-2"));
        assertThat(b).isNotEqualTo(WrappedDek.binding("disk-1", WrapMethod.NISTKW, "kek-1", 32));
        assertThat(b).isNotEqualTo(WrappedDek.binding("disk-1", WrapMethod.GCM, "kek-2", 32));
        assertThat(b).isNotEqualTo(WrappedDek.binding("disk-1", WrapMethod.GCM, "kek-1", 16));
        // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
        assertThat(WrappedDek.binding("c", WrapMethod.GCM, "ab", 32)).isNotEqualTo(WrappedDek.binding("bc", WrapMethod.GCM, "a", 32));
    }

    @Test
    void malformedBlobsAreIntegrityFailures() {
        byte[] good = SAMPLE.encode().toByteArray();
        assertThatThrownBy(() -> WrappedDek.decode("d", Bytes.of(java.util.Arrays.copyOf(good, good.length - 1))))
                .isInstanceOf(IntegrityException.class).hasMessageStartingWith("dek d: blob truncated at byte");
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> WrappedDek.decode("d", Bytes.of(longer)))
                .isInstanceOf(IntegrityException.class).hasMessage("dek d: blob has 1 trailing bytes (expected: none)");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> WrappedDek.decode("d", Bytes.of(magic)))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("bad magic");
        byte[] newer = good.clone();
        newer[4] = 2;
        assertThatThrownBy(() -> WrappedDek.decode("d", Bytes.of(newer)))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("format version 2 (expected: 1");
        byte[] method = good.clone();
        method[5] = 9;
        assertThatThrownBy(() -> WrappedDek.decode("d", Bytes.of(method)))
                .isInstanceOf(IntegrityException.class).hasMessage("dek d: blob wrap method 9 (expected: 1 or 2)");
        assertThatThrownBy(() -> WrappedDek.decode("d", Bytes.EMPTY)).isInstanceOf(IntegrityException.class);
    }

    @Test
    void printsNoCiphertextOrTag() {
        assertThat(SAMPLE.toString()).doesNotContain("AAAA").doesNotContain("F0F1").contains("redacted");
    }
}
