package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.ResultReason;

/**
 * The result reasons of the cryptographic code ({@code io.kmipstack.server.crypto}), which speaks
 * KMIP 2.x, in the request's version. KMIP 1.x lacks Bad / Unsupported Cryptographic Parameters,
 * the Wrapping Object reasons, Invalid Object Type and Invalid Correlation Value; its error tables
 * (1.4 section 11, Get, Sign, Signature Verify, Derive Key) use Invalid Field, Feature Not
 * Supported, Item Not Found, Object Archived and Illegal Operation for those cases. Without this
 * mapping the message layer would fall back to General Failure.
 */
final class CryptoReasons {

    private CryptoReasons() {
    }

    /** {@code e} with its reason as the request's version has it; the message is kept. */
    static KmipException adapt(RequestContext ctx, KmipException e) {
        if (ctx.version().isV2() || e.resultReason() == null || e.resultReason().definedIn(ctx.version())) {
            return e;
        }
        ResultReason r = e.resultReason();
        ResultReason mapped;
        if (r.equals(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS) || r.equals(ResultReason.INVALID_ATTRIBUTE)
                || r.equals(ResultReason.INVALID_ATTRIBUTE_VALUE) || r.equals(ResultReason.MISSING_INITIALIZATION_VECTOR)) {
            mapped = ResultReason.INVALID_FIELD;
        } else if (r.equals(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS) || r.equals(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED)) {
            mapped = ResultReason.FEATURE_NOT_SUPPORTED;
        } else if (r.equals(ResultReason.WRAPPING_OBJECT_NOT_FOUND) || r.equals(ResultReason.OBJECT_NOT_FOUND)
                || r.equals(ResultReason.INVALID_CORRELATION_VALUE)) {
            mapped = ResultReason.ITEM_NOT_FOUND;
        } else if (r.equals(ResultReason.WRAPPING_OBJECT_ARCHIVED)) {
            mapped = ResultReason.OBJECT_ARCHIVED;
        } else if (r.equals(ResultReason.WRAPPING_OBJECT_DESTROYED) || r.equals(ResultReason.OBJECT_DESTROYED)
                || r.equals(ResultReason.INVALID_OBJECT_TYPE)) {
            mapped = ResultReason.ILLEGAL_OPERATION;
        } else if (r.equals(ResultReason.WRONG_KEY_LIFECYCLE_STATE) || r.equals(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK)) {
            mapped = ResultReason.PERMISSION_DENIED;
        } else {
            return e;
        }
        return new KmipException(e.resultStatus(), mapped, e.getMessage());
    }
}
