package io.kmipstack.server.crypto;

/**
 * A MAC computation in progress (HMAC or CMAC), fed part by part. Made by {@link Macs}; one
 * thread at a time.
 */
public interface MacStream {

    void update(byte[] input);

    /** The MAC of everything fed; the stream is done. */
    byte[] finish();

    /** The length of the MAC in bytes. */
    int length();

    /**
     * The shortest MAC this algorithm accepts for verification: a client may present a truncated
     * MAC (RFC 2104 section 5, NIST SP 800-38B appendix A), but not one so short that guessing
     * it is easy.
     */
    int minimumLength();
}
