package io.kmipstack.ckms;

import io.kmipstack.client.KmipConnectionException;
import io.kmipstack.client.KmipTimeoutException;
import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.KmipEncodingException;
import io.kmipstack.codec.registry.ResultReason;
import java.util.Set;

/**
 * Turns what the KMIP client throws into the key service's typed failures. {@code what} says
 * which step failed ({@code "unwrap dek disk-1 with kek 42"}); the server's result reason and
 * message are appended, since they are the operator's best clue and never hold key material.
 */
final class KmipFailures {

    private static final Set<ResultReason> DENIED = Set.of(ResultReason.PERMISSION_DENIED,
            ResultReason.AUTHENTICATION_NOT_SUCCESSFUL, ResultReason.NOT_AUTHORISED);
    private static final Set<ResultReason> NOT_FOUND = Set.of(ResultReason.ITEM_NOT_FOUND, ResultReason.OBJECT_NOT_FOUND,
            ResultReason.OBJECT_DESTROYED, ResultReason.WRAPPING_OBJECT_NOT_FOUND, ResultReason.WRAPPING_OBJECT_DESTROYED);
    private static final Set<ResultReason> NOT_USABLE = Set.of(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
            ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK, ResultReason.KEY_VALUE_NOT_PRESENT, ResultReason.OBJECT_ARCHIVED,
            ResultReason.WRAPPING_OBJECT_ARCHIVED, ResultReason.INVALID_OBJECT_TYPE, ResultReason.ILLEGAL_OBJECT_TYPE,
            ResultReason.OPERATION_NOT_SUPPORTED, ResultReason.FEATURE_NOT_SUPPORTED, ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS,
            ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
            ResultReason.USAGE_LIMIT_EXCEEDED, ResultReason.SENSITIVE, ResultReason.NOT_EXTRACTABLE, ResultReason.ENCODING_OPTION_ERROR);
    private static final Set<ResultReason> BUSY = Set.of(ResultReason.SERVER_LIMIT_EXCEEDED,
            ResultReason.PROTECTION_STORAGE_UNAVAILABLE, ResultReason.OPERATION_CANCELED_BY_REQUESTER);

    private KmipFailures() {
    }

    /** The typed failure for a KMIP call that failed while doing {@code what}. */
    static CkmsException map(String what, KmipException e) {
        String m = what + ": " + describe(e);
        if (e instanceof KmipConnectionException || e instanceof KmipTimeoutException) {
            return new KmsUnavailableException(m, e);
        }
        if (e instanceof KmipEncodingException) {
            // The negotiated version cannot express the request (GCM's AAD and tag need KMIP 1.4).
            return new KekNotUsableException(m, e);
        }
        ResultReason r = e.resultReason();
        if (DENIED.contains(r)) {
            return new KmsAccessDeniedException(m, e);
        }
        if (NOT_FOUND.contains(r)) {
            return new KekNotFoundException(m, e);
        }
        if (NOT_USABLE.contains(r)) {
            return new KekNotUsableException(m, e);
        }
        if (BUSY.contains(r)) {
            return new KmsUnavailableException(m, e);
        }
        return new CkmsException(m, e);
    }

    /**
     * The failure of a Decrypt that unwraps a blob. A Cryptographic Failure is the tag or key-wrap
     * check failing. PyKMIP 0.10 answers a GCM tag mismatch with General Failure (its crypto
     * library's exception is not a KMIP error), so that counts too: a well-formed Decrypt of an
     * existing, usable key fails for no other reason there.
     */
    static CkmsException mapDecrypt(String what, KmipException e) {
        if (!(e instanceof KmipConnectionException) && !(e instanceof KmipTimeoutException)
                && (ResultReason.CRYPTOGRAPHIC_FAILURE.equals(e.resultReason()) || ResultReason.GENERAL_FAILURE.equals(e.resultReason()))) {
            return new IntegrityException(what + ": the KMS could not authenticate the blob (" + describe(e) + ")", e);
        }
        return map(what, e);
    }

    static boolean lacksSupport(KmipException e) {
        ResultReason r = e.resultReason();
        return ResultReason.OPERATION_NOT_SUPPORTED.equals(r) || ResultReason.FEATURE_NOT_SUPPORTED.equals(r)
                || ResultReason.INVALID_FIELD.equals(r) || ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS.equals(r)
                || ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS.equals(r);
    }

    static boolean isConnection(KmipException e) {
        return e instanceof KmipConnectionException || e instanceof KmipTimeoutException;
    }

    private static String describe(KmipException e) {
        if (isConnection(e)) {
            return e.getMessage();
        }
        return e.resultReason() + " (" + e.getMessage() + ")";
    }
}
