package io.kmipstack.server.crypto;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;

/**
 * A {@link CipherStream} over an initialized JCA {@link Cipher}: every cipher of {@link Ciphers}
 * but XTS and authenticated decryption. For authenticated encryption the JCA appends a tag of
 * {@code jcaTag} bytes to the last output; the stream returns its first {@code keepTag} bytes
 * separately (a truncated tag is the full tag's prefix in GCM and as used with Poly1305 here).
 */
final class JcaStream implements CipherStream {

    private static final byte[] NONE = new byte[0];

    private final Cipher cipher;
    private final int jcaTag;
    private final int keepTag;
    private final long limit;
    private final int block;
    private final boolean unwrap;
    private long total;

    /**
     * @param limit  the most input the stream takes in all (the JCA buffers all of it for key wrap)
     * @param block  the block size that padding None requires, for the message; 0 for stream modes
     * @param unwrap a key unwrap (RFC 3394 / 5649 decryption), whose failed integrity check the JCA
     *     reports as an illegal block size
     */
    JcaStream(Cipher cipher, int jcaTag, int keepTag, long limit, int block, boolean unwrap) {
        this.cipher = cipher;
        this.jcaTag = jcaTag;
        this.keepTag = keepTag;
        this.limit = limit;
        this.block = block;
        this.unwrap = unwrap;
    }

    @Override
    public byte[] update(byte[] input) {
        count(input);
        byte[] out = cipher.update(input);
        return out == null ? NONE : out;
    }

    @Override
    public Result finish(byte[] input) {
        count(input);
        byte[] out;
        try {
            out = cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw CryptoFailures.cryptographic("authenticated decryption: the tag does not match");
        } catch (IllegalBlockSizeException e) {
            if (unwrap && total >= 16 && total % 8 == 0) {
                throw CryptoFailures.cryptographic("key unwrap: the integrity check failed (wrong key, IV or data)");
            }
            throw CryptoFailures.invalidField("data: " + total + " bytes in all (expected: "
                    + (block > 0 ? "a multiple of " + block : "a length this mode accepts") + ")");
        } catch (BadPaddingException e) {
            throw CryptoFailures.cryptographic("decryption: the padding or integrity check is wrong (wrong key, IV or data)");
        }
        if (jcaTag == 0) {
            return new Result(out, null);
        }
        byte[] data = Arrays.copyOf(out, out.length - jcaTag);
        byte[] tag = Arrays.copyOfRange(out, out.length - jcaTag, out.length - jcaTag + keepTag);
        return new Result(data, tag);
    }

    private void count(byte[] input) {
        total += input.length;
        if (total > limit) {
            throw CryptoFailures.invalidField("data: more than " + limit + " bytes in one stream (expected: at most " + limit
                    + " for this mode, which processes the whole input at the end)");
        }
    }
}
