package io.kmipstack.codec.model;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.ResultReason;

/**
 * A typed value that cannot be written for the target protocol version: a field, an enumeration
 * value, a mask bit or a whole structure that the version does not define. The encoder refuses
 * rather than drop or rewrite it, so a caller never sends a peer something it did not mean; the
 * message names the structure, the field and the version, never a value.
 */
public final class KmipEncodingException extends KmipException {

    private static final long serialVersionUID = 1L;

    public KmipEncodingException(String message) {
        super(ResultReason.FEATURE_NOT_SUPPORTED, message);
    }
}
