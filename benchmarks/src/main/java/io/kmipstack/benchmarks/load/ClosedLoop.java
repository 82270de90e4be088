package io.kmipstack.benchmarks.load;

import io.kmipstack.codec.KmipException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: {@code users} independent loops, each sending its next request when the
 * previous one has completed, so there is exactly one request in flight per user (per
 * connection). A timed run measures the operations that complete between the end of the warm-up
 * and the end of the run, and stops starting new ones at the end (those still in flight finish
 * and are not counted). A counted run hands out exactly {@code ops} permits once the warm-up is
 * over and measures from the first permit taken to the last of those operations completing.
 * Latency is measured from just before the request is handed to the workload to just after its
 * future completes, on the thread that completes it.
 *
 * <p>Throughput counts successful operations only; every failure, warm-up included, is an error.
 */
final class ClosedLoop {

    /** Distinct error messages kept; further kinds count under one line. */
    static final int MAX_ERROR_MESSAGES = 16;
    static final String OTHER_ERRORS = "(other errors)";

    private final Workload workload;
    private final List<String> kinds;
    private final int users;
    private final long warmupNanos;
    private final long durationNanos; // 0 for a counted run
    private final AtomicLong permits;

    private long measureFrom;
    private long measureUntil;
    private final LongAdder completed = new LongAdder(); // warm-up included, for progress
    private final LongAdder errors = new LongAdder();
    private final AtomicLong firstMeasured = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastMeasured = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, LongAdder> errorMessages = new ConcurrentHashMap<>();

    ClosedLoop(Workload workload, int users, Duration warmup, Duration duration, long ops) {
        this.workload = workload;
        this.kinds = List.copyOf(workload.kinds());
        this.users = users;
        this.warmupNanos = warmup.toNanos();
        this.durationNanos = duration == null ? 0 : duration.toNanos();
        this.permits = new AtomicLong(ops);
    }

    /** What a run measured. Histograms and error counts are per kind, in {@link Workload#kinds()} order. */
    record Outcome(List<String> kinds, List<LatencyHistogram> latencies, long[] errorsByKind, long errors,
            double seconds, Map<String, Long> errorMessages) {

        long operations() {
            long n = 0;
            for (LatencyHistogram h : latencies) {
                n += h.count();
            }
            return n;
        }

        LatencyHistogram all() {
            LatencyHistogram all = new LatencyHistogram();
            latencies.forEach(all::add);
            return all;
        }
    }

    /**
     * Runs to the end and returns what was measured. {@code drain} bounds the wait for the
     * requests still in flight once a timed run is over (the client's own timeout ends them).
     */
    Outcome run(BenchProgress progress, Duration drain) throws InterruptedException {
        boolean counted = durationNanos == 0;
        long start = System.nanoTime();
        measureFrom = start + warmupNanos;
        measureUntil = measureFrom + durationNanos;
        List<User> all = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            all.add(new User(i, kinds.size()));
        }
        // Started from a thread of their own: a user whose requests fail at once loops in place
        // rather than through callbacks, and must not hold up this thread's progress reports.
        Thread starter = new Thread(() -> all.forEach(this::next), "bench-start");
        starter.setDaemon(true);
        starter.start();
        CompletableFuture<Void> done = CompletableFuture.allOf(all.stream().map(u -> u.done).toArray(CompletableFuture[]::new));
        long deadline = counted ? Long.MAX_VALUE : measureUntil + drain.toNanos();
        long lastCount = 0;
        long lastTime = start;
        while (true) {
            try {
                done.get(1, TimeUnit.SECONDS);
                break;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                long n = completed.sum();
                double rate = (n - lastCount) / ((now - lastTime) / 1e9);
                lastCount = n;
                lastTime = now;
                progress.status(status(now, counted, n, rate));
                if (now - deadline > 0) {
                    throw new IllegalStateException("requests still in flight " + drain.toSeconds()
                            + " s after the end of the run (expected: each ends by the client's request timeout)");
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("load loop failed: " + e.getCause(), e.getCause());
            }
        }
        List<LatencyHistogram> latencies = new ArrayList<>();
        long[] errorsByKind = new long[kinds.size()];
        for (int k = 0; k < kinds.size(); k++) {
            LatencyHistogram h = new LatencyHistogram();
            for (User u : all) {
                h.add(u.latencies[k]);
                errorsByKind[k] += u.errors[k];
            }
            latencies.add(h);
        }
        double seconds;
        if (counted) {
            long first = firstMeasured.get();
            long last = lastMeasured.get();
            seconds = first == Long.MAX_VALUE || last == Long.MIN_VALUE ? 0 : Math.max(1, last - first) / 1e9;
        } else {
            seconds = durationNanos / 1e9;
        }
        Map<String, Long> messages = new LinkedHashMap<>();
        errorMessages.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> messages.put(e.getKey(), e.getValue().sum()));
        return new Outcome(kinds, latencies, errorsByKind, errors.sum(), seconds, messages);
    }

    private String status(long now, boolean counted, long n, double rate) {
        String phase;
        if (now - measureFrom < 0) {
            phase = "warm-up " + seconds(now - (measureFrom - warmupNanos)) + "/" + seconds(warmupNanos);
        } else if (counted) {
            phase = "measure " + seconds(now - measureFrom);
        } else if (now - measureUntil < 0) {
            phase = "measure " + seconds(now - measureFrom) + "/" + seconds(durationNanos);
        } else {
            phase = "finishing";
        }
        return String.format("%s  %,d ops  %,.0f ops/s  %,d errors", phase, n, rate, errors.sum());
    }

    private static String seconds(long nanos) {
        return Math.round(nanos / 1e9) + "s";
    }

    // A user's requests are strictly sequential, so its fields are written by one thread at a time,
    // each completion happening after the previous one (the future chain orders them).
    private final class User {
        final int index;
        final LatencyHistogram[] latencies;
        final long[] errors;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        long seq;

        User(int index, int kinds) {
            this.index = index;
            this.latencies = new LatencyHistogram[kinds];
            for (int k = 0; k < kinds; k++) {
                latencies[k] = new LatencyHistogram();
            }
            this.errors = new long[kinds];
        }
    }

    private void next(User u) {
        try {
            loop(u);
        } catch (RuntimeException | Error e) {
            u.done.completeExceptionally(e);
        }
    }

    private void loop(User u) {
        boolean counted = durationNanos == 0;
        while (true) {
            long now = System.nanoTime();
            boolean permitted = false;
            if (counted) {
                if (now - measureFrom >= 0) {
                    if (permits.getAndDecrement() <= 0) {
                        u.done.complete(null);
                        return;
                    }
                    permitted = true;
                    firstMeasured.accumulateAndGet(now, Math::min);
                }
            } else if (now - measureUntil >= 0) {
                u.done.complete(null);
                return;
            }
            int kind = workload.kind(u.index, u.seq++);
            boolean measured = permitted;
            long start = System.nanoTime();
            CompletableFuture<?> f;
            try {
                f = workload.send(u.index, kind);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            if (f.isDone()) {
                // Answered at once (typically refused before sending): go round here rather than
                // recursing through whenComplete.
                finish(u, kind, start, measured, failure(f));
                continue;
            }
            f.whenComplete((r, e) -> {
                finish(u, kind, start, measured, e);
                next(u);
            });
            return;
        }
    }

    private void finish(User u, int kind, long start, boolean permitted, Throwable failure) {
        long end = System.nanoTime();
        completed.increment();
        boolean measured = durationNanos == 0 ? permitted : end - measureFrom >= 0 && end - measureUntil <= 0;
        if (failure != null) {
            u.errors[kind]++;
            errors.increment();
            String m = describe(failure);
            LongAdder c = errorMessages.get(m);
            if (c == null) {
                c = errorMessages.size() < MAX_ERROR_MESSAGES ? errorMessages.computeIfAbsent(m, x -> new LongAdder())
                        : errorMessages.computeIfAbsent(OTHER_ERRORS, x -> new LongAdder());
            }
            c.increment();
        } else if (measured) {
            u.latencies[kind].record(end - start);
        }
        if (durationNanos == 0 && permitted) {
            lastMeasured.accumulateAndGet(end, Math::max);
        }
    }

    private static Throwable failure(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return e;
        }
    }

    /** One line for a failure: the KMIP result reason and message, or the exception's class and message. */
    static String describe(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        String what = c instanceof KmipException k ? k.resultReason().name() : c.getClass().getSimpleName();
        return m == null ? what : what + ": " + m;
    }
}
