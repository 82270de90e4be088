package io.kmipstack.ckms;

import java.util.concurrent.CompletableFuture;

/**
 * A rewrap pass running in the background ({@link WrappingKms#rewrapInBackground}). Cancelling
 * stops it after the blob in hand; the checkpoint (if any) lets a later pass resume.
 */
public interface RewrapJob {

    /** Completes with the report when the pass ends (or is cancelled: then {@code complete} is false). */
    CompletableFuture<RewrapReport> result();

    /** The counts so far. */
    RewrapReport progress();

    void cancel();
}
