package io.kmipstack.server.crypto;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * Authenticated decryption, part by part: the ciphertext is held until the final part, and only
 * then decrypted and verified in one step, so that no plaintext leaves the server before the tag
 * has been checked (NIST SP 800-38D section 5.2.2: the plaintext of a failed verification must
 * not be returned). Intermediate parts answer with no data. The buffer is bounded by
 * {@link Ciphers#MAX_BUFFERED_BYTES}.
 */
final class AeadDecryptStream implements CipherStream {

    /** Decrypts and verifies a whole ciphertext against its tag. */
    @FunctionalInterface
    interface Opener {
        byte[] open(byte[] ciphertext, byte[] tag) throws GeneralSecurityException;
    }

    private final Opener opener;
    private final int tagLength;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private byte[] tag;

    /** {@code tag} may be null until {@link #tag(byte[])} supplies it before the final part. */
    AeadDecryptStream(Opener opener, int tagLength, byte[] tag) {
        this.opener = opener;
        this.tagLength = tagLength;
        this.tag = tag;
    }

    @Override
    public void tag(byte[] late) {
        if (tag != null) {
            throw CryptoFailures.invalidField("authenticated encryption tag: given twice (expected: on the first or the final part)");
        }
        if (late.length != tagLength) {
            throw CryptoFailures.invalidField("authenticated encryption tag: " + late.length + " bytes (expected: " + tagLength
                    + ", the Tag Length)");
        }
        tag = late;
    }

    @Override
    public byte[] update(byte[] input) {
        hold(input);
        return new byte[0];
    }

    @Override
    public Result finish(byte[] input) {
        if (tag == null) {
            throw CryptoFailures.invalidField("authenticated encryption tag: none (expected: the tag of the ciphertext)");
        }
        hold(input);
        byte[] ciphertext = held.toByteArray();
        try {
            return new Result(opener.open(ciphertext, tag), null);
        } catch (AEADBadTagException e) {
            throw CryptoFailures.cryptographic("authenticated decryption: the tag does not match"
                    + " (wrong key, IV, additional data, tag or ciphertext)");
        } catch (GeneralSecurityException e) {
            throw CryptoFailures.cryptographic("authenticated decryption: failed");
        } finally {
            Arrays.fill(ciphertext, (byte) 0);
        }
    }

    private void hold(byte[] input) {
        if ((long) held.size() + input.length > Ciphers.MAX_BUFFERED_BYTES) {
            throw CryptoFailures.invalidField("data: more than " + Ciphers.MAX_BUFFERED_BYTES + " bytes in one authenticated"
                    + " decryption stream (expected: at most that; the ciphertext is held until the tag is verified)");
        }
        held.write(input, 0, input.length);
    }
}
