package io.kmipstack.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    private static final Duration TEN = Duration.ofSeconds(10);

    @Test
    void timedAndCountedRuns() {
        BenchSettings timed = BenchSettings.timed(BenchOperation.GET, 4, TEN);
        assertThat(timed.counted()).isFalse();
        assertThat(timed.warmup()).isEqualTo(BenchSettings.DEFAULT_WARMUP);
        BenchSettings counted = BenchSettings.counted(BenchOperation.ENCRYPT, 16, 200);
        assertThat(counted.counted()).isTrue();
        assertThat(counted.ops()).isEqualTo(200);
        assertThat(counted.warmup()).isZero();
        assertThat(counted.withSize(64).size()).isEqualTo(64);
    }

    @Test
    void exactlyOneStopCondition() {
        assertThatThrownBy(() -> new BenchSettings(BenchOperation.GET, 1, 1, TEN, 5, Duration.ZERO, 1))
                .hasMessage("duration and ops: both given (expected: exactly one)");
        assertThatThrownBy(() -> new BenchSettings(BenchOperation.GET, 1, 1, null, 0, Duration.ZERO, 1))
                .hasMessage("duration and ops: neither given (expected: exactly one)");
    }

    @Test
    void limitsAreCheckedWithTheHousePattern() {
        assertThatThrownBy(() -> BenchSettings.timed(BenchOperation.GET, 0, TEN))
                .hasMessage("connections: 0 (expected: 1 to 1024)");
        assertThatThrownBy(() -> BenchSettings.timed(BenchOperation.GET, 1025, TEN))
                .hasMessage("connections: 1025 (expected: 1 to 1024)");
        assertThatThrownBy(() -> BenchSettings.timed(BenchOperation.GET, 1, TEN).withSize(0))
                .hasMessage("size: 0 (expected: 1 to 524288)");
        assertThatThrownBy(() -> BenchSettings.timed(BenchOperation.GET, 1, Duration.ZERO))
                .hasMessage("duration: PT0S (expected: > 0)");
        assertThatThrownBy(() -> BenchSettings.counted(BenchOperation.GET, 1, -3))
                .hasMessage("ops: -3 (expected: > 0)");
        assertThatThrownBy(() -> BenchSettings.timed(BenchOperation.GET, 1, TEN).withWarmup(Duration.ofSeconds(-1)))
                .hasMessage("warmup: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> BenchSettings.timed(BenchOperation.LOCATE, 1, TEN).withPopulate(0))
                .hasMessage("populate: 0 (expected: 1 to 10000000)");
    }

    @Test
    void idleNeedsADuration() {
        assertThatThrownBy(() -> BenchSettings.counted(BenchOperation.IDLE, 10, 10))
                .hasMessage("ops: 10 with operation idle (expected: a duration to hold the connections for)");
        assertThat(BenchSettings.timed(BenchOperation.IDLE, 1000, TEN).connections()).isEqualTo(1000);
    }

    @Test
    void operationNamesInAnyCase() {
        assertThat(BenchOperation.fromName("get")).isEqualTo(BenchOperation.GET);
        assertThat(BenchOperation.fromName(" MIX ")).isEqualTo(BenchOperation.MIX);
        assertThat(BenchOperation.ENCRYPT.cliName()).isEqualTo("encrypt");
        assertThatThrownBy(() -> BenchOperation.fromName("rekey")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("operation: rekey (expected: one of create, get,");
    }
}
