package io.kmipstack.server.crypto;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;

/**
 * The result reasons of the cryptographic services, chosen by protocol version as the object
 * layer's {@code Failures} does for its operations. KMIP 2.x names parameter problems precisely
 * (Bad / Unsupported Cryptographic Parameters, 2.1 section 11.22); 1.x has only Invalid Field and
 * Feature Not Supported for them. Where the OASIS test cases show the reference server's choice
 * for a case, that choice wins over a more precise reason, because the conformance profiles
 * compare reasons exactly: a missing IV is Invalid Message and a GCM or Poly1305 tag length
 * outside 12..16 is General Failure, in 1.4 and 2.1 alike (CS-BC-M-11..13, CS-BC-M-GCM-1,
 * CS-BC-M-CHACHA20POLY1305-1). Messages say what was wrong and what was expected; they never
 * carry key material or data.
 */
public final class CryptoFailures {

    private CryptoFailures() {
    }

    /** Parameters that cannot work (a wrong IV length, padding for a stream mode, no mode at all). */
    public static KmipException badParameters(KmipVersion v, String message) {
        return new KmipException(v.isV2() ? ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS : ResultReason.INVALID_FIELD, message);
    }

    /** Parameters this server does not implement (CCM, ISO 10126 padding for CTR, ...). */
    public static KmipException unsupportedParameters(KmipVersion v, String message) {
        return new KmipException(v.isV2() ? ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS : ResultReason.FEATURE_NOT_SUPPORTED,
                message);
    }

    /** The mode needs an IV and the request has none (reference server's reason: Invalid Message). */
    public static KmipException missingIv(String message) {
        return new KmipException(ResultReason.INVALID_MESSAGE, message);
    }

    /** An authentication tag length the server does not produce (reference server's reason: General Failure). */
    public static KmipException tagLength(int length) {
        return new KmipException(ResultReason.GENERAL_FAILURE, "tag length: " + length + " (expected: 12 to 16 bytes)");
    }

    /** Verification failed: a wrong tag, wrong padding, a wrong key. */
    public static KmipException cryptographic(String message) {
        return new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, message);
    }

    /** A request field with a value the operation cannot use (data length, a missing Data). */
    public static KmipException invalidField(String message) {
        return new KmipException(ResultReason.INVALID_FIELD, message);
    }

    /** A limit of this server (stream buffer, RNG Retrieve length). */
    public static KmipException limit(KmipVersion v, String message) {
        return new KmipException(v.isV2() ? ResultReason.SERVER_LIMIT_EXCEEDED : ResultReason.INVALID_FIELD, message);
    }
}
