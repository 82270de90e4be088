package io.kmipstack.ckms;

import io.kmipstack.codec.ttlv.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The blob a wrapping KMS stores for a DEK, format version {@value #FORMAT_VERSION}: everything
 * needed to open it later, whatever the KEK is by then. Big-endian, in this order:
 *
 * <pre>
 * "CKMS"                 4 bytes, magic
 * format version         u8 (1)
 * wrap method            u8 (1 = AES-256-GCM via Encrypt, 2 = NIST Key Wrap via Get)
 * DEK length             u16, bytes of plaintext
 * KEK unique identifier  u16 length + UTF-8, the KMIP object that wrapped it
 * IV                     u8 length + bytes (GCM nonce; empty for key wrap)
 * tag                    u8 length + bytes (GCM tag; for key wrap the id-binding MAC)
 * ciphertext             u16 length + bytes
 * </pre>
 *
 * <p>{@link #binding(String)} is what ties the blob to its DEK id: the GCM additional
 * authenticated data, or the input of the key-wrap binding MAC. It covers the format version,
 * method, DEK length, KEK identifier and the DEK id, so a blob copied to another id, or with any
 * header field changed, does not open.
 */
record WrappedDek(WrapMethod method, String kekId, int dekLength, Bytes iv, Bytes tag, Bytes ciphertext) {

    static final int FORMAT_VERSION = 1;
    static final int MAX_KEK_ID = 1024;
    private static final byte[] MAGIC = {'C', 'K', 'M', 'S'};
    private static final byte[] BINDING_LABEL = "kmipstack-ckms dek binding".getBytes(StandardCharsets.US_ASCII);

    WrappedDek {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(kekId, "kekId");
        Objects.requireNonNull(iv, "iv");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(ciphertext, "ciphertext");
        int kekBytes = kekId.getBytes(StandardCharsets.UTF_8).length;
        if (kekBytes == 0 || kekBytes > MAX_KEK_ID) {
            throw new IllegalArgumentException("kek id length: " + kekBytes + " (expected: 1 to " + MAX_KEK_ID + ")");
        }
        if (dekLength < 1 || dekLength > 0xFFFF) {
            throw new IllegalArgumentException("dek length: " + dekLength + " (expected: 1 to 65535)");
        }
        if (iv.length() > 0xFF || tag.length() > 0xFF || ciphertext.length() > 0xFFFF) {
            throw new IllegalArgumentException("blob field too long: iv " + iv.length() + ", tag " + tag.length()
                    + ", ciphertext " + ciphertext.length() + " (expected: <= 255, 255, 65535)");
        }
    }

    Bytes encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + ciphertext.length());
        out.writeBytes(MAGIC);
        out.write(FORMAT_VERSION);
        out.write(method.code());
        u16(out, dekLength);
        byte[] kek = kekId.getBytes(StandardCharsets.UTF_8);
        u16(out, kek.length);
        out.writeBytes(kek);
        out.write(iv.length());
        out.writeBytes(iv.toByteArray());
        out.write(tag.length());
        out.writeBytes(tag.toByteArray());
        u16(out, ciphertext.length());
        out.writeBytes(ciphertext.toByteArray());
        return Bytes.wrap(out.toByteArray());
    }

    /**
     * Parses a blob.
     *
     * @throws IntegrityException for anything that is not a well-formed blob of a known format
     *     version (a blob of a newer version says so)
     */
    static WrappedDek decode(String dekId, Bytes blob) {
        ByteBuffer in = ByteBuffer.wrap(blob.toByteArray());
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IntegrityException("dek " + dekId + ": blob is not a kmipstack DEK blob (bad magic)");
            }
            int version = in.get() & 0xFF;
            if (version != FORMAT_VERSION) {
                throw new IntegrityException("dek " + dekId + ": blob format version " + version + " (expected: "
                        + FORMAT_VERSION + "; written by a newer kmipstack?)");
            }
            int code = in.get() & 0xFF;
            WrapMethod method = WrapMethod.ofCode(code);
            if (method == null) {
                throw new IntegrityException("dek " + dekId + ": blob wrap method " + code + " (expected: 1 or 2)");
            }
            int dekLength = u16(in);
            byte[] kek = new byte[u16(in)];
            in.get(kek);
            byte[] iv = new byte[in.get() & 0xFF];
            in.get(iv);
            byte[] tag = new byte[in.get() & 0xFF];
            in.get(tag);
            byte[] ct = new byte[u16(in)];
            in.get(ct);
            if (in.hasRemaining()) {
                throw new IntegrityException("dek " + dekId + ": blob has " + in.remaining() + " trailing bytes (expected: none)");
            }
            String kekId = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(kek)).toString();
            return new WrappedDek(method, kekId, dekLength, Bytes.wrap(iv), Bytes.wrap(tag), Bytes.wrap(ct));
        } catch (BufferUnderflowException e) {
            throw new IntegrityException("dek " + dekId + ": blob truncated at byte " + in.position() + " of " + blob.length(), e);
        } catch (CharacterCodingException e) {
            throw new IntegrityException("dek " + dekId + ": blob KEK identifier is not UTF-8", e);
        } catch (IllegalArgumentException e) {
            throw new IntegrityException("dek " + dekId + ": blob field out of range: " + e.getMessage(), e);
        }
    }

    /** The bytes that bind this blob's header to {@code dekId} (GCM AAD, key-wrap MAC input). */
    static byte[] binding(String dekId, WrapMethod method, String kekId, int dekLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(BINDING_LABEL);
        out.write(0);
        out.write(FORMAT_VERSION);
        out.write(method.code());
        u16(out, dekLength);
        byte[] kek = kekId.getBytes(StandardCharsets.UTF_8);
        u16(out, kek.length);
        out.writeBytes(kek);
        byte[] id = dekId.getBytes(StandardCharsets.UTF_8);
        u16(out, id.length);
        out.writeBytes(id);
        return out.toByteArray();
    }

    byte[] binding(String dekId) {
        return binding(dekId, method, kekId, dekLength);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v & 0xFF);
    }

    private static int u16(ByteBuffer in) {
        return in.getShort() & 0xFFFF;
    }
}
