package io.kmipstack.ckms;

import java.util.Objects;

/**
 * One wrap or unwrap of a DEK: which DEK, under which KEK, how, and the outcome ({@code ok} or
 * the kind of failure). Identifiers only; no key material can be put in one.
 */
record AuditEvent(String action, String dekId, String kekId, WrapMethod method, String result) {

    static final String WRAP = "wrap";
    static final String UNWRAP = "unwrap";
    static final String OK = "ok";

    AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dekId, "dekId");
        Objects.requireNonNull(result, "result");
    }

    /** The outcome word for a failure: {@code integrity-failure}, {@code kms-unavailable}, ... */
    static String result(Throwable failure) {
        if (failure instanceof IntegrityException) {
            return "integrity-failure";
        }
        if (failure instanceof KmsUnavailableException) {
            return "kms-unavailable";
        }
        if (failure instanceof KmsAccessDeniedException) {
            return "access-denied";
        }
        if (failure instanceof KekNotFoundException) {
            return "kek-not-found";
        }
        if (failure instanceof KekNotUsableException) {
            return "kek-not-usable";
        }
        return "error";
    }

    /** The log line: {@code dek.unwrap dek=disk-1 kek=42 method=gcm result=ok}. */
    String line() {
        return "dek." + action + " dek=" + dekId + " kek=" + (kekId == null ? "-" : kekId)
                + " method=" + (method == null ? "-" : method.uriName()) + " result=" + result;
    }
}
