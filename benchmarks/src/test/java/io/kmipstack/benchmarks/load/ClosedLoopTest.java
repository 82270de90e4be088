package io.kmipstack.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.ResultReason;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Completes each request on another thread; fails those {@code failing} says. */
    private Workload async(List<String> kinds, java.util.function.IntPredicate failing, AtomicInteger inFlight, Set<Integer> busy) {
        AtomicInteger sent = new AtomicInteger();
        return new Workload() {
            @Override
            public List<String> kinds() {
                return kinds;
            }

            @Override
            public int kind(int user, long seq) {
                return (int) (seq % kinds.size());
            }

            @Override
            public CompletableFuture<?> send(int user, int kind) {
                int n = sent.getAndIncrement();
                if (!busy.add(user)) {
                    throw new AssertionError("user " + user + " has two requests in flight");
                }
                inFlight.incrementAndGet();
                return CompletableFuture.runAsync(() -> {
                    inFlight.decrementAndGet();
                    busy.remove(user);
                    if (failing.test(n)) {
                        throw new KmipException(ResultReason.ITEM_NOT_FOUND, "no such key");
                    }
                }, pool);
            }
        };
    }

    @Test
    void countedRunMeasuresExactlyTheOperationsAskedFor() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        Workload w = async(List.of("a", "b"), n -> false, inFlight, ConcurrentHashMap.newKeySet());
        ClosedLoop.Outcome o = new ClosedLoop(w, 3, Duration.ZERO, null, 500).run(BenchProgress.NONE, Duration.ofSeconds(5));
        assertThat(o.operations()).isEqualTo(500);
        assertThat(o.errors()).isZero();
        assertThat(o.kinds()).containsExactly("a", "b");
        // Each user alternates a, b, a, ...: both kinds got their share.
        assertThat(o.latencies().get(0).count()).isBetween(247L, 253L);
        assertThat(o.seconds()).isPositive();
        assertThat(inFlight.get()).isZero();
    }

    @Test
    void failuresAreCountedByKindAndMessageAndLeaveThroughput() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        Workload w = async(List.of("get"), n -> n % 10 == 0, inFlight, ConcurrentHashMap.newKeySet());
        ClosedLoop.Outcome o = new ClosedLoop(w, 2, Duration.ZERO, null, 1000).run(BenchProgress.NONE, Duration.ofSeconds(5));
        assertThat(o.errors()).isEqualTo(100);
        assertThat(o.errorsByKind()[0]).isEqualTo(100);
        assertThat(o.operations()).isEqualTo(900);
        assertThat(o.errorMessages()).containsExactly(java.util.Map.entry("ItemNotFound: no such key", 100L));
    }

    @Test
    void timedRunStopsAndDrains() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        Workload w = async(List.of("get"), n -> false, inFlight, ConcurrentHashMap.newKeySet());
        ClosedLoop.Outcome o = new ClosedLoop(w, 4, Duration.ofMillis(50), Duration.ofMillis(200), 0)
                .run(BenchProgress.NONE, Duration.ofSeconds(5));
        assertThat(o.seconds()).isEqualTo(0.2);
        assertThat(o.operations()).isPositive();
        assertThat(inFlight.get()).isZero();
    }

    @Test
    void requestsRefusedAtOnceLoopWithoutRecursion() throws Exception {
        // 200,000 synchronous failures would overflow the stack if each went round through a callback.
        Workload w = new Workload() {
            @Override
            public List<String> kinds() {
                return List.of("x");
            }

            @Override
            public CompletableFuture<?> send(int user, int kind) {
                throw new IllegalStateException("refused");
            }
        };
        ClosedLoop.Outcome o = new ClosedLoop(w, 1, Duration.ZERO, null, 200_000).run(BenchProgress.NONE, Duration.ofSeconds(5));
        assertThat(o.errors()).isEqualTo(200_000);
        assertThat(o.operations()).isZero();
        assertThat(o.errorMessages()).containsOnlyKeys("IllegalStateException: refused");
    }

    @Test
    void distinctErrorMessagesAreCapped() throws Exception {
        AtomicInteger n = new AtomicInteger();
        Workload w = new Workload() {
            @Override
            public List<String> kinds() {
                return List.of("x");
            }

            @Override
            public CompletableFuture<?> send(int user, int kind) {
                return CompletableFuture.failedFuture(new IllegalStateException("failure " + n.getAndIncrement()));
            }
        };
        ClosedLoop.Outcome o = new ClosedLoop(w, 1, Duration.ZERO, null, 100).run(BenchProgress.NONE, Duration.ofSeconds(5));
        assertThat(o.errorMessages()).hasSize(ClosedLoop.MAX_ERROR_MESSAGES + 1);
        assertThat(o.errorMessages().get(ClosedLoop.OTHER_ERRORS)).isEqualTo(100 - ClosedLoop.MAX_ERROR_MESSAGES);
    }
}
