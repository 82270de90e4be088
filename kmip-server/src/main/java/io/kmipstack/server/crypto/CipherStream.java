package io.kmipstack.server.crypto;

/**
 * An encryption or decryption in progress, fed part by part: {@link #update} for the parts of a
 * stream, {@link #finish} for the last (or only) one. Made by {@link Ciphers}; one thread at a
 * time. Authenticated decryption never returns plaintext from {@link #update}: it holds the
 * ciphertext until {@link #finish} has verified the tag.
 */
public interface CipherStream {

    /** The output for {@code input} (possibly empty). */
    byte[] update(byte[] input);

    /**
     * The output for the last {@code input} and, for authenticated encryption, the tag.
     *
     * @throws io.kmipstack.codec.KmipException Cryptographic Failure for a wrong tag or padding
     */
    Result finish(byte[] input);

    /**
     * Supplies the tag of an authenticated decryption whose first part came without one (a client
     * streaming a ciphertext often has the tag only at its end; the spec asks for it on the first
     * part, and both are accepted).
     *
     * @throws io.kmipstack.codec.KmipException Invalid Field when this is not an authenticated
     *     decryption, the tag was already given, or its length is not the Tag Length
     */
    default void tag(byte[] tag) {
        throw CryptoFailures.invalidField("authenticated encryption tag: given for a cipher without one, or after the first part");
    }

    /** The last output, and the authentication tag of an authenticated encryption (else null). */
    record Result(byte[] data, byte[] tag) {
    }
}
