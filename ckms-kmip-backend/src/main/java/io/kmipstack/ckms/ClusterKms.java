package io.kmipstack.ckms;

import io.kmipstack.codec.ttlv.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code cluster-kms} backend: no KEK and no storage, every DEK derived on demand as
 * HKDF-SHA256(master secret, salt, info = the DEK id's UTF-8 bytes, length = DEK size). This is
 * the derivation of Constellation's cluster KMS ({@code internal/kms/kms/cluster}: its
 * {@code GetDEK} passes the id as HKDF info, without prefix), so the same master secret and salt
 * give byte-identical DEKs. Like it, an empty master secret or salt is refused, and ids are
 * case-sensitive. The same id asked for with a shorter size gives a prefix of the longer DEK
 * (HKDF's output is a stream); callers must keep one size per id.
 */
final class ClusterKms implements CloudKms {

    private final byte[] masterSecret;
    private final byte[] salt;
    private volatile boolean closed;

    ClusterKms(Bytes masterSecret, Bytes salt) {
        Objects.requireNonNull(masterSecret, "masterSecret");
        Objects.requireNonNull(salt, "salt");
        if (masterSecret.isEmpty()) {
            throw new IllegalArgumentException("cluster-kms master secret: empty (expected: at least 1 byte; 32 recommended)");
        }
        if (salt.isEmpty()) {
            throw new IllegalArgumentException("cluster-kms salt: empty (expected: at least 1 byte; 32 recommended)");
        }
        this.masterSecret = masterSecret.toByteArray();
        this.salt = salt.toByteArray();
    }

    @Override
    public Bytes getDek(String dekId, int dekSize) {
        Objects.requireNonNull(dekId, "dekId");
        if (dekSize < 1 || dekSize > Hkdf.MAX_LENGTH) {
            throw new IllegalArgumentException("dek size: " + dekSize + " (expected: 1 to " + Hkdf.MAX_LENGTH + ")");
        }
        if (closed) {
            throw new IllegalStateException("cluster-kms: closed");
        }
        byte[] dek = Hkdf.derive(masterSecret, salt, dekId.getBytes(StandardCharsets.UTF_8), dekSize);
        try {
            return Bytes.of(dek);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    @Override
    public void close() {
        closed = true;
        Arrays.fill(masterSecret, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }

    @Override
    public String toString() {
        return "ClusterKms[hkdf-sha256]";
    }
}
