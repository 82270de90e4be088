package io.kmipstack.server.crypto;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The open multi-part operations of one server, by Correlation Value (KMIP 1.4 section 2.1.15,
 * 2.1 section 6.1.17 and siblings): the first request of a stream (Init Indicator) opens a
 * {@link StreamingState} and answers with a new Correlation Value; each further part presents it;
 * the part with the Final Indicator closes it.
 *
 * <p>The store is bounded in count and in age, because a client can open streams and never finish
 * them: a stream idle longer than {@code maxIdle} is discarded, and opening one more stream than
 * {@code maxStreams} discards the one idle longest. A discarded, finished or unknown Correlation
 * Value is answered Invalid Correlation Value (2.x; Item Not Found in 1.x, 1.4 tables 353-358)
 * with a message that says so. Correlation Values are 16 random bytes, so a stream cannot be guessed; a stream also answers
 * only to the identity that opened it and to its own operation, and another identity is told it
 * does not exist.
 *
 * <p>A part {@linkplain #take takes} the state out while it works on it and {@linkplain #resume
 * puts it back} afterwards, so two requests with the same Correlation Value never run one engine
 * at once (the second is told the value is unknown). A part that fails leaves the state out: the
 * stream is over. The states live in memory only; a restart ends every stream. Thread-safe.
 */
public final class CorrelationStates {

    /** Default for the most streams open at once. */
    public static final int DEFAULT_MAX_STREAMS = 1000;
    /** Default for how long a stream may wait for its next part. */
    public static final Duration DEFAULT_MAX_IDLE = Duration.ofMinutes(5);

    private static final int VALUE_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(StreamingState state, Instant lastUse) {
    }

    private final int maxStreams;
    private final Duration maxIdle;
    // Insertion order is last-use order: resume() re-inserts, so the head is the stream idle longest.
    private final LinkedHashMap<Bytes, Entry> open = new LinkedHashMap<>();

    private CorrelationStates(int maxStreams, Duration maxIdle) {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams: " + maxStreams + " (expected: >= 1)");
        }
        Objects.requireNonNull(maxIdle, "maxIdle");
        if (maxIdle.isNegative() || maxIdle.isZero()) {
            throw new IllegalArgumentException("maxIdle: " + maxIdle + " (expected: > 0)");
        }
        this.maxStreams = maxStreams;
        this.maxIdle = maxIdle;
    }

    /** A store with {@link #DEFAULT_MAX_STREAMS} and {@link #DEFAULT_MAX_IDLE}. */
    public static CorrelationStates create() {
        return new CorrelationStates(DEFAULT_MAX_STREAMS, DEFAULT_MAX_IDLE);
    }

    public static CorrelationStates create(int maxStreams, Duration maxIdle) {
        return new CorrelationStates(maxStreams, maxIdle);
    }

    public int maxStreams() {
        return maxStreams;
    }

    public Duration maxIdle() {
        return maxIdle;
    }

    /** Streams open now (some may have expired and not been purged yet). */
    public synchronized int size() {
        return open.size();
    }

    /** Opens a stream at {@code now}; its new Correlation Value. */
    public synchronized Bytes open(StreamingState state, Instant now) {
        Objects.requireNonNull(state, "state");
        purge(now);
        while (open.size() >= maxStreams) {
            Iterator<Map.Entry<Bytes, Entry>> oldest = open.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Bytes value;
        do {
            byte[] b = new byte[VALUE_LENGTH];
            RANDOM.nextBytes(b);
            value = Bytes.wrap(b);
        } while (open.containsKey(value));
        open.put(value, new Entry(state, now));
        return value;
    }

    /**
     * Takes the stream {@code value} names out of the store for the next part of {@code operation}
     * by {@code identity}; give it back with {@link #resume} unless the part ends the stream.
     *
     * @throws KmipException Invalid Correlation Value (1.x: Item Not Found) when there is no such
     *     stream for this identity (never opened, finished, failed, expired or discarded) or it
     *     belongs to another operation
     */
    public synchronized StreamingState take(Bytes value, Operation operation, String identity, KmipVersion version, Instant now) {
        Objects.requireNonNull(value, "value");
        purge(now);
        Entry e = open.get(value);
        if (e != null && e.lastUse().isBefore(now.minus(maxIdle))) {
            // Expired but not purged: requests finishing out of order can leave an older entry behind a newer one.
            open.remove(value);
            e = null;
        }
        if (e == null || !e.state().identity().equals(identity)) {
            throw invalid(version, "correlation value: no open stream (it never existed, has finished or failed, or was"
                    + " discarded: a stream ends after " + maxIdle + " without a part, or when " + maxStreams
                    + " newer streams are open)");
        }
        if (!e.state().operation().equals(operation)) {
            throw invalid(version, "correlation value: a stream of " + e.state().operation().name() + " (expected: one of "
                    + operation.name() + ")");
        }
        open.remove(value);
        return e.state();
    }

    /** Puts a stream back after a part that did not end it; its idle time starts again at {@code now}. */
    public synchronized void resume(Bytes value, StreamingState state, Instant now) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(state, "state");
        open.remove(value);
        open.put(value, new Entry(state, now));
    }

    private void purge(Instant now) {
        Instant limit = now.minus(maxIdle);
        Iterator<Map.Entry<Bytes, Entry>> it = open.entrySet().iterator();
        // Entries are in last-use order, so the expired ones are a prefix.
        while (it.hasNext() && it.next().getValue().lastUse().isBefore(limit)) {
            it.remove();
        }
    }

    /** The reason for a Correlation Value the store does not know, in {@code version}. */
    public static KmipException invalid(KmipVersion version, String message) {
        return new KmipException(version.isV2() ? ResultReason.INVALID_CORRELATION_VALUE : ResultReason.ITEM_NOT_FOUND, message);
    }
}
