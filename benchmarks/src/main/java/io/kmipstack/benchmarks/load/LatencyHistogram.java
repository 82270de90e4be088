package io.kmipstack.benchmarks.load;

/**
 * Latencies in nanoseconds, counted in fixed log-linear buckets: exact below 128 ns, then 64
 * buckets per power of two, so a bucket is never wider than 1/64 of its lower bound and a
 * percentile read from it is within 1.6 % of the true value. All 3,712 buckets are allocated up
 * front (29 KiB) and cover every non-negative {@code long}, so recording never allocates and never
 * rejects a value. The minimum, maximum and sum are kept exactly.
 *
 * <p>Not thread-safe: one writer at a time. The load generator gives each connection its own and
 * {@link #add adds} them up at the end.
 */
public final class LatencyHistogram {

    // Values below LINEAR are their own bucket; above, a bucket is (exponent, top 7 bits).
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS; // 64 buckets per power of two
    private static final int LINEAR = 2 * SUB; // 128
    static final int BUCKETS = LINEAR + (63 - SUB_BITS - 1) * SUB; // 3,712

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    /** Records one latency; a negative value (a clock that went back) counts as 0. */
    public void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** Adds every value recorded in {@code other} to this one. */
    public void add(LatencyHistogram other) {
        if (other.count == 0) {
            return;
        }
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public long count() {
        return count;
    }

    /** The smallest value recorded, exactly; 0 when empty. */
    public long min() {
        return count == 0 ? 0 : min;
    }

    /** The largest value recorded, exactly; 0 when empty. */
    public long max() {
        return max;
    }

    /** The mean, exactly (up to {@code long} overflow of the sum, some 290 years of latency); 0 when empty. */
    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The value at {@code percentile} (0 to 100): the middle of the bucket holding the
     * {@code ceil(count * percentile / 100)}-th smallest value, clamped to the exact minimum and
     * maximum. 0 when empty.
     */
    public long percentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile: " + percentile + " (expected: 0 to 100)");
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(count * percentile / 100));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long mid = lowerBound(i) + (width(i) - 1) / 2;
                return Math.min(max, Math.max(min, mid));
            }
        }
        return max; // unreachable: the buckets add up to count
    }

    /** The bucket of a non-negative value. */
    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS; // >= 1, keeps the top 7 bits
        int mantissa = (int) (v >>> shift); // 64..127
        return LINEAR + (shift - 1) * SUB + (mantissa - SUB);
    }

    /** The smallest value of bucket {@code i}. */
    static long lowerBound(int i) {
        if (i < LINEAR) {
            return i;
        }
        int shift = (i - LINEAR) / SUB + 1;
        long mantissa = (i - LINEAR) % SUB + SUB;
        return mantissa << shift;
    }

    /** How many distinct values bucket {@code i} holds. */
    static long width(int i) {
        return i < LINEAR ? 1 : 1L << ((i - LINEAR) / SUB + 1);
    }

    @Override
    public String toString() {
        return "LatencyHistogram[count=" + count + ", p50=" + percentile(50) + "ns, p99=" + percentile(99) + "ns, max=" + max + "ns]";
    }
}
