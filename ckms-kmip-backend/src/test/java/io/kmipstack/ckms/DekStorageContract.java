package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.ttlv.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DekStorage} must do, run against each backend: the conditional writes that
 * make getDek idempotent and rewrap safe (also from several threads, and from two instances where
 * the backend is shared), paging in UTF-8 order, and ids with awkward characters.
 */
abstract class DekStorageContract {

    protected DekStorage storage;

    /** A fresh, empty storage. */
    abstract DekStorage newStorage() throws Exception;

    /** A second instance over the same data, as another node would open it. */
    abstract DekStorage secondInstance() throws Exception;

    /** Threads for the concurrency cases; a remote store gets fewer. */
    int threads() {
        return 8;
    }

    @BeforeEach
    void open() throws Exception {
        storage = newStorage();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    static Bytes blob(String s) {
        return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void absentIdHasNoBlob() {
        assertThat(storage.get("nothing-here")).isEmpty();
        assertThat(storage.delete("nothing-here")).isFalse();
        assertThat(storage.list(null, 10)).isEmpty();
    }

    @Test
    void putIfAbsentStoresOnce() {
        assertThat(storage.putIfAbsent("disk-1", blob("first"))).isTrue();
        assertThat(storage.putIfAbsent("disk-1", blob("second"))).isFalse();
        StoredDek s = storage.get("disk-1").orElseThrow();
        assertThat(s.blob()).isEqualTo(blob("first"));
        assertThat(s.dekId()).isEqualTo("disk-1");
    }

    @Test
    void replaceIsACompareAndSwapOnTheVersion() {
        storage.putIfAbsent("disk-1", blob("v1"));
        StoredDek v1 = storage.get("disk-1").orElseThrow();
        assertThat(storage.replace("disk-1", v1.version(), blob("v2"))).isTrue();
        StoredDek v2 = storage.get("disk-1").orElseThrow();
        assertThat(v2.blob()).isEqualTo(blob("v2"));
        assertThat(v2.version()).isNotEqualTo(v1.version());
        // A writer that read v1 loses: its version is stale.
        assertThat(storage.replace("disk-1", v1.version(), blob("stale"))).isFalse();
        assertThat(storage.get("disk-1").orElseThrow().blob()).isEqualTo(blob("v2"));
        assertThat(storage.replace("disk-1", v2.version(), blob("v3"))).isTrue();
        assertThat(storage.get("disk-1").orElseThrow().blob()).isEqualTo(blob("v3"));
        assertThat(storage.replace("absent", v2.version(), blob("x"))).isFalse();
        assertThat(storage.get("absent")).isEmpty();
    }

    @Test
    void deleteRemoves() {
        storage.putIfAbsent("a", blob("1"));
        StoredDek a = storage.get("a").orElseThrow();
        assertThat(storage.delete("a")).isTrue();
        assertThat(storage.get("a")).isEmpty();
        assertThat(storage.delete("a")).isFalse();
        assertThat(storage.replace("a", a.version(), blob("2"))).isFalse();
        assertThat(storage.putIfAbsent("a", blob("3"))).isTrue();
        assertThat(storage.get("a").orElseThrow().blob()).isEqualTo(blob("3"));
    }

    @Test
    void listPagesInUtf8OrderAndResumes() {
        List<String> ids = List.of("b", "a", "a-1", "A", "z.9", "é", "key-00000000-0000-0000-0000-000000000000");
        for (String id : ids) {
            storage.putIfAbsent(id, blob(id));
        }
        List<String> all = new ArrayList<>(ids);
        all.sort(DekIds.ORDER);
        assertThat(storage.list(null, 100)).containsExactlyElementsOf(all);
        List<String> paged = new ArrayList<>();
        String after = null;
        for (List<String> page = storage.list(null, 3); !page.isEmpty(); page = storage.list(after, 3)) {
            assertThat(page.size()).isLessThanOrEqualTo(3);
            paged.addAll(page);
            after = page.get(page.size() - 1);
        }
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(storage.list("b", 100)).containsExactlyElementsOf(all.subList(all.indexOf("b") + 1, all.size()));
    }

    @Test
    void awkwardIdsRoundTrip() {
        List<String> ids = List.of("../etc/passwd", ".hidden", "with space", "percent%41", "slash/and\\back", "ü-ñ-字", "#hash#1");
        for (String id : ids) {
            assertThat(storage.putIfAbsent(id, blob("blob of " + id))).as(id).isTrue();
        }
        for (String id : ids) {
            assertThat(storage.get(id).orElseThrow().blob()).as(id).isEqualTo(blob("blob of " + id));
        }
        assertThat(storage.list(null, 100)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void concurrentPutIfAbsentHasOneWinner() throws Exception {
        int n = threads();
        List<Boolean> won = race(n, i -> storage.putIfAbsent("contended", blob("writer-" + i)));
        assertThat(won.stream().filter(b -> b)).hasSize(1);
        int winner = won.indexOf(true);
        assertThat(storage.get("contended").orElseThrow().blob()).isEqualTo(blob("writer-" + winner));
    }

    @Test
    void concurrentReplaceFromOneVersionHasOneWinner() throws Exception {
        storage.putIfAbsent("contended", blob("base"));
        String base = storage.get("contended").orElseThrow().version();
        int n = threads();
        List<Boolean> won = race(n, i -> storage.replace("contended", base, blob("writer-" + i)));
        assertThat(won.stream().filter(b -> b)).hasSize(1);
        assertThat(storage.get("contended").orElseThrow().blob()).isEqualTo(blob("writer-" + won.indexOf(true)));
    }

    @Test
    void aSecondInstanceSeesTheSameBlobsAndRacesFairly() throws Exception {
        try (DekStorage other = secondInstance()) {
            assertThat(storage.putIfAbsent("shared", blob("from-1"))).isTrue();
            assertThat(other.putIfAbsent("shared", blob("from-2"))).isFalse();
            StoredDek seen = other.get("shared").orElseThrow();
            assertThat(seen.blob()).isEqualTo(blob("from-1"));
            assertThat(other.replace("shared", seen.version(), blob("rewrapped-by-2"))).isTrue();
            assertThat(storage.replace("shared", seen.version(), blob("rewrapped-by-1"))).isFalse();
            assertThat(storage.get("shared").orElseThrow().blob()).isEqualTo(blob("rewrapped-by-2"));
            assertThat(storage.list(null, 10)).containsExactly("shared");
        }
    }

    interface IndexedCall {
        boolean call(int index) throws Exception;
    }

    /** Runs {@code call} on {@code n} threads released at once; the results by index. */
    static List<Boolean> race(int n, IndexedCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Boolean> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Boolean> out = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
