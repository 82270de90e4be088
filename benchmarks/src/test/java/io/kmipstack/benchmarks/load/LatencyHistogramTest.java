package io.kmipstack.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZeros() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.count()).isZero();
        assertThat(h.percentile(50)).isZero();
        assertThat(h.min()).isZero();
        assertThat(h.max()).isZero();
        assertThat(h.mean()).isZero();
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        // Below 128 ns every value is its own bucket: the ranks are exact.
        assertThat(h.percentile(50)).isEqualTo(50);
        assertThat(h.percentile(90)).isEqualTo(90);
        assertThat(h.percentile(99)).isEqualTo(99);
        assertThat(h.percentile(100)).isEqualTo(100);
        assertThat(h.percentile(0)).isEqualTo(1);
        assertThat(h.mean()).isEqualTo(50.5);
    }

    @Test
    void bucketsTileTheWholeRangeWithoutGapsOrOverlaps() {
        assertThat(LatencyHistogram.lowerBound(0)).isZero();
        for (int i = 1; i < LatencyHistogram.BUCKETS; i++) {
            assertThat(LatencyHistogram.lowerBound(i))
                    .as("bucket %d starts where bucket %d ends", i, i - 1)
                    .isEqualTo(LatencyHistogram.lowerBound(i - 1) + LatencyHistogram.width(i - 1));
        }
        int last = LatencyHistogram.BUCKETS - 1;
        assertThat(LatencyHistogram.lowerBound(last) + (LatencyHistogram.width(last) - 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(LatencyHistogram.index(Long.MAX_VALUE)).isEqualTo(last);
    }

    @Test
    void everyValueLandsInTheBucketThatHoldsIt() {
        Random r = new Random(8);
        for (int n = 0; n < 100_000; n++) {
            long v = (r.nextLong() >>> 1) >>> r.nextInt(63); // any non-negative long, all magnitudes
            int i = LatencyHistogram.index(v);
            assertThat(v).isBetween(LatencyHistogram.lowerBound(i), LatencyHistogram.lowerBound(i) + LatencyHistogram.width(i) - 1);
            // The precision promise: a bucket is at most 1/64 of its lower bound wide.
            if (v >= 128) {
                assertThat((double) LatencyHistogram.width(i) / LatencyHistogram.lowerBound(i)).isLessThanOrEqualTo(1.0 / 64);
            }
        }
    }

    @Test
    void percentilesOfSpreadValuesAreWithinTheBucketPrecision() {
        Random r = new Random(42);
        long[] values = new long[50_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            // Log-uniform from 1 µs to 1 s, like real latencies with a long tail.
            values[i] = (long) Math.pow(10, 3 + 6 * r.nextDouble());
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            long exact = values[(int) Math.ceil(values.length * p / 100) - 1];
            assertThat((double) h.percentile(p)).as("p%s", p).isCloseTo(exact, within(exact / 64.0));
        }
        assertThat(h.max()).isEqualTo(values[values.length - 1]);
        assertThat(h.min()).isEqualTo(values[0]);
        assertThat(h.mean()).isCloseTo(Arrays.stream(values).average().orElseThrow(), within(1e-3));
    }

    @Test
    void percentileIsClampedToTheExactExtremes() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000_001);
        // One value: every percentile is that value, not its bucket's middle.
        assertThat(h.percentile(50)).isEqualTo(1_000_001);
        assertThat(h.percentile(99)).isEqualTo(1_000_001);
    }

    @Test
    void addingHistogramsEqualsRecordingEverythingInOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram both = new LatencyHistogram();
        for (long v = 1; v < 2_000_000; v += 997) {
            (v % 2 == 0 ? a : b).record(v);
            both.record(v);
        }
        LatencyHistogram sum = new LatencyHistogram();
        sum.add(a);
        sum.add(b);
        sum.add(new LatencyHistogram()); // an empty one changes nothing, min included
        assertThat(sum.count()).isEqualTo(both.count());
        assertThat(sum.min()).isEqualTo(both.min());
        assertThat(sum.max()).isEqualTo(both.max());
        assertThat(sum.mean()).isEqualTo(both.mean());
        for (double p : new double[] {1, 50, 90, 99, 100}) {
            assertThat(sum.percentile(p)).isEqualTo(both.percentile(p));
        }
    }

    @Test
    void negativeValuesCountAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        assertThat(h.count()).isEqualTo(1);
        assertThat(h.max()).isZero();
        assertThat(h.percentile(50)).isZero();
    }

    @Test
    void percentileOutsideZeroToHundredIsRefused() {
        LatencyHistogram h = new LatencyHistogram();
        assertThatThrownBy(() -> h.percentile(100.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile: 100.5 (expected: 0 to 100)");
        assertThatThrownBy(() -> h.percentile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
