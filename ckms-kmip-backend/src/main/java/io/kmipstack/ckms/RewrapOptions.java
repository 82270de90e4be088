package io.kmipstack.ckms;

import java.nio.file.Path;

/**
 * What a rewrap pass covers. {@code startAfter}: begin after this DEK id (null: from the first).
 * {@code checkpoint}: a file that holds the last DEK id done, written after every page and read
 * at the start when {@code startAfter} is null, so a pass stopped by a crash or a cancel resumes
 * where it was; it is deleted when a pass completes. {@code pageSize}: ids listed at a time.
 */
public record RewrapOptions(String startAfter, Path checkpoint, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 100;

    public RewrapOptions {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalArgumentException("page size: " + pageSize + " (expected: 1 to 10000)");
        }
    }

    /** Every blob, from the first, without a checkpoint. */
    public static RewrapOptions all() {
        return new RewrapOptions(null, null, DEFAULT_PAGE_SIZE);
    }

    public RewrapOptions withCheckpoint(Path file) {
        return new RewrapOptions(startAfter, file, pageSize);
    }

    public RewrapOptions startingAfter(String dekId) {
        return new RewrapOptions(dekId, checkpoint, pageSize);
    }

    public RewrapOptions withPageSize(int size) {
        return new RewrapOptions(startAfter, checkpoint, size);
    }
}
