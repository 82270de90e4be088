package io.kmipstack.ckms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rewrap pass: pages through the storage in id order and rewraps each blob not yet under the
 * current KEK with a compare-and-swap, so it runs safely on several nodes at once and beside
 * {@link CloudKms#getDek} traffic. A blob that fails is reported and skipped; the pass goes on.
 * The checkpoint file, if any, is rewritten (atomically) after each page.
 */
final class Rewrapper implements RewrapJob {

    private static final Logger LOG = LoggerFactory.getLogger(Rewrapper.class);

    private final KmipCloudKms kms;
    private final RewrapOptions options;
    private final CompletableFuture<RewrapReport> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    // Written by the pass, read by progress(): guarded by this.
    private String kekId = "";
    private int examined;
    private int rewrapped;
    private int current;
    private int vanished;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, Integer> perKek = new TreeMap<>();
    private String lastDekId;

    Rewrapper(KmipCloudKms kms, RewrapOptions options) {
        this.kms = kms;
        this.options = options;
    }

    RewrapReport run() {
        String start = options.startAfter() != null ? options.startAfter() : readCheckpoint();
        KmipKek kek = kms.kek();
        kek.forget();
        String target = kek.currentKekId();
        synchronized (this) {
            kekId = target;
            lastDekId = start;
        }
        String after = start;
        boolean complete = false;
        while (!cancelled) {
            List<String> page = kms.storage().list(after, options.pageSize());
            if (page.isEmpty()) {
                complete = true;
                break;
            }
            for (String id : page) {
                if (cancelled) {
                    break;
                }
                one(id, target);
                after = id;
            }
            writeCheckpoint(after);
        }
        if (complete && options.checkpoint() != null) {
            try {
                Files.deleteIfExists(options.checkpoint());
            } catch (IOException e) {
                throw new UncheckedIOException("rewrap checkpoint " + options.checkpoint() + ": " + e.getMessage(), e);
            }
        }
        RewrapReport r = snapshot(complete);
        LOG.info("rewrap under kek {}: {} examined, {} rewrapped, {} already current, {} gone, {} failed{}", target, r.examined(),
                r.rewrapped(), r.alreadyCurrent(), r.vanished(), r.failures().size(), complete ? "" : " (stopped after " + after + ")");
        return r;
    }

    private void one(String id, String target) {
        Map<String, Integer> counts = new TreeMap<>();
        KmipCloudKms.Outcome outcome = null;
        String failure = null;
        try {
            outcome = kms.rewrapOne(id, target, counts);
        } catch (CkmsException | IllegalArgumentException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            // Count the blob under the KEK it still has, so the report shows what still needs the old KEK.
            try {
                Optional<StoredDek> s = kms.storage().get(id);
                s.ifPresent(d -> counts.merge(KmipCloudKms.kekOf(id, d), 1, Integer::sum));
            } catch (CkmsException unreadable) {
                counts.merge(KmipCloudKms.UNREADABLE, 1, Integer::sum);
            }
        }
        synchronized (this) {
            examined++;
            lastDekId = id;
            counts.forEach((k, v) -> perKek.merge(k, v, Integer::sum));
            if (failure != null) {
                failures.put(id, failure);
            } else if (outcome == KmipCloudKms.Outcome.REWRAPPED) {
                rewrapped++;
            } else if (outcome == KmipCloudKms.Outcome.CURRENT) {
                current++;
            } else {
                vanished++;
            }
        }
    }

    void runInto() {
        try {
            result.complete(run());
        } catch (Throwable t) {
            result.completeExceptionally(t);
        }
    }

    @Override
    public CompletableFuture<RewrapReport> result() {
        return result;
    }

    @Override
    public RewrapReport progress() {
        return snapshot(false);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    private synchronized RewrapReport snapshot(boolean complete) {
        return new RewrapReport(kekId, examined, rewrapped, current, vanished, failures, lastDekId, complete, perKek);
    }

    private String readCheckpoint() {
        Path file = options.checkpoint();
        if (file == null || !Files.exists(file)) {
            return null;
        }
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? null : DekIds.check(s);
        } catch (IOException e) {
            throw new UncheckedIOException("rewrap checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeCheckpoint(String lastDone) {
        Path file = options.checkpoint();
        if (file == null || lastDone == null) {
            return;
        }
        try {
            Path abs = file.toAbsolutePath();
            Path temp = abs.resolveSibling(abs.getFileName() + ".tmp");
            Files.writeString(temp, lastDone + "\n", StandardCharsets.UTF_8);
            Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("rewrap checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
