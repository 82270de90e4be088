package io.kmipstack.ckms;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome (or, from {@link RewrapJob#progress()}, the state so far) of a rewrap pass:
 * blobs examined, rewrapped under {@code kekId}, already under it, gone meanwhile, failed (DEK id
 * to reason), the last DEK id done (where a later pass resumes), whether the pass reached the end,
 * and how many of the examined blobs each KEK wraps now: after a complete pass without failures,
 * only {@code kekId} remains and older KEKs can be retired.
 */
public record RewrapReport(
        String kekId,
        int examined,
        int rewrapped,
        int alreadyCurrent,
        int vanished,
        Map<String, String> failures,
        String lastDekId,
        boolean complete,
        Map<String, Integer> blobsPerKek) {

    public RewrapReport {
        Objects.requireNonNull(kekId, "kekId");
        failures = Map.copyOf(failures);
        blobsPerKek = Map.copyOf(blobsPerKek);
    }

    /** True when the pass reached the end and every blob is under {@code kekId}. */
    public boolean clean() {
        return complete && failures.isEmpty() && blobsPerKek.keySet().stream().allMatch(kekId::equals);
    }
}
