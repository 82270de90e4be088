package io.kmipstack.benchmarks.load;

import java.util.Locale;

/**
 * What the load generator sends. The KMIP operations each prepare their own objects first and
 * destroy them afterwards (see {@link Bench}); {@link #MIX} interleaves several of them, and
 * {@link #CONNECT} and {@link #IDLE} measure connections rather than requests.
 */
public enum BenchOperation {
    /** Create an AES-256 key with a Name and a Cryptographic Usage Mask. */
    CREATE,
    /** Get one of the prepared AES-256 keys. */
    GET,
    /** Encrypt {@code size} bytes with a prepared AES-256 key, GCM, 16-byte tag, server-chosen IV. */
    ENCRYPT,
    /** Decrypt {@code size} bytes of AES-256-GCM ciphertext prepared with Encrypt. */
    DECRYPT,
    /** Sign {@code size} bytes with a prepared RSA-2048 private key, SHA-256 with PKCS #1 v1.5. */
    SIGN,
    /** Locate by Name one of the {@code populate} prepared keys, chosen at random; exactly one must match. */
    LOCATE,
    /** Four Gets, two Encrypts, two Decrypts, one Locate and one Create, in that rotation. */
    MIX,
    /** Open a mutual-TLS connection, complete the handshake, close it: new connections per second. */
    CONNECT,
    /** Open {@code connections} connections with one Query each, then hold them idle for the duration. */
    IDLE;

    /** The command-line name: lower case. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation named {@code name} in any case, e.g. {@code get}. */
    public static BenchOperation fromName(String name) {
        for (BenchOperation op : values()) {
            if (op.name().equalsIgnoreCase(name.strip())) {
                return op;
            }
        }
        throw new IllegalArgumentException("operation: " + name + " (expected: one of create, get, encrypt, decrypt, sign, "
                + "locate, mix, connect, idle)");
    }

    /** True for the operations that encrypt or sign {@code size} bytes. */
    public boolean usesSize() {
        return this == ENCRYPT || this == DECRYPT || this == SIGN || this == MIX;
    }
}
