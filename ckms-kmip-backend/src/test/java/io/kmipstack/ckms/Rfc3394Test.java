package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The block-by-block RFC 3394 unwrap against the RFC's own vectors (section 4.1 and 4.6), with the
 * single-block AES decryption done locally by the JDK as a KMIP server's ECB Decrypt would do it.
 */
class Rfc3394Test {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    static UnaryOperator<byte[]> aesDecrypt(byte[] kek, AtomicInteger calls) {
        return block -> {
            calls.incrementAndGet();
            try {
                Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"));
                return c.doFinal(block);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void section41Wrap128BitsWith128BitKek() {
        byte[] kek = HEX.parseHex("000102030405060708090A0B0C0D0E0F");
        byte[] ct = HEX.parseHex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
        AtomicInteger calls = new AtomicInteger();
        assertThat(HEX.formatHex(Rfc3394.unwrap(ct, aesDecrypt(kek, calls)))).isEqualTo("00112233445566778899AABBCCDDEEFF");
        assertThat(calls).hasValue(6 * 2);
    }

    @Test
    void section46Wrap256BitsWith256BitKek() throws Exception {
        byte[] kek = HEX.parseHex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        byte[] ct = HEX.parseHex("28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");
        byte[] plain = HEX.parseHex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
        AtomicInteger calls = new AtomicInteger();
        assertThat(Rfc3394.unwrap(ct, aesDecrypt(kek, calls))).isEqualTo(plain);
        assertThat(calls).hasValue(6 * 4);
        // The JDK's own key wrap agrees with the vector, so blobs from any RFC 3394 server open.
        Cipher wrap = Cipher.getInstance("AESWrap");
        wrap.init(Cipher.WRAP_MODE, new SecretKeySpec(kek, "AES"));
        assertThat(wrap.wrap(new SecretKeySpec(plain, "AES"))).isEqualTo(ct);
    }

    @Test
    void aChangedCiphertextOrAnotherKekFailsTheIntegrityCheck() {
        byte[] kek = HEX.parseHex("000102030405060708090A0B0C0D0E0F");
        byte[] ct = HEX.parseHex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
        ct[20] ^= 1;
        assertThat(Rfc3394.unwrap(ct, aesDecrypt(kek, new AtomicInteger()))).isNull();
        byte[] good = HEX.parseHex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
        byte[] otherKek = HEX.parseHex("000102030405060708090A0B0C0D0E0E");
        assertThat(Rfc3394.unwrap(good, aesDecrypt(otherKek, new AtomicInteger()))).isNull();
    }

    @Test
    void lengthsAreChecked() {
        assertThatThrownBy(() -> Rfc3394.unwrap(new byte[16], b -> b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key wrap ciphertext length: 16 (expected: a multiple of 8, at least 24)");
        assertThatThrownBy(() -> Rfc3394.unwrap(new byte[25], b -> b)).isInstanceOf(IllegalArgumentException.class);
    }
}
