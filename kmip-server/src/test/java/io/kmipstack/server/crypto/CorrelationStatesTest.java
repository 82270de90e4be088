package io.kmipstack.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stream store on its own: exclusive use, ownership, the count bound (least recently used first) and idle expiry. */
class CorrelationStatesTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    private static StreamingState state(String identity) {
        return new StreamingState(Operation.HASH, identity, null, new Object());
    }

    private static ResultReason reason(Runnable r) {
        try {
            r.run();
        } catch (KmipException e) {
            return e.resultReason();
        }
        return null;
    }

    @Test
    void aTakenStreamIsInvisibleUntilResumed() {
        CorrelationStates s = CorrelationStates.create();
        StreamingState a = state("alice");
        Bytes cv = s.open(a, T0);
        assertThat(cv.length()).isEqualTo(16);
        assertThat(s.take(cv, Operation.HASH, "alice", KmipVersion.V2_1, T0)).isSameAs(a);
        // A second request with the same value while the first works on it: unknown.
        assertThat(reason(() -> s.take(cv, Operation.HASH, "alice", KmipVersion.V2_1, T0)))
                .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
        s.resume(cv, a, T0);
        assertThat(s.take(cv, Operation.HASH, "alice", KmipVersion.V1_4, T0)).isSameAs(a);
    }

    @Test
    void anotherIdentityOrOperationDoesNotGetItAndDoesNotEndIt() {
        CorrelationStates s = CorrelationStates.create();
        Bytes cv = s.open(state("alice"), T0);
        assertThat(reason(() -> s.take(cv, Operation.HASH, "bob", KmipVersion.V1_4, T0))).isEqualTo(ResultReason.ITEM_NOT_FOUND);
        assertThatThrownBy(() -> s.take(cv, Operation.MAC, "alice", KmipVersion.V2_1, T0)).hasMessageContaining("Hash");
        assertThat(s.take(cv, Operation.HASH, "alice", KmipVersion.V2_1, T0).identity()).isEqualTo("alice");
    }

    @Test
    void theLeastRecentlyUsedStreamGoesWhenTheStoreIsFullAndIdleOnesExpire() {
        CorrelationStates s = CorrelationStates.create(3, Duration.ofSeconds(60));
        StreamingState a = state("a");
        Bytes ca = s.open(a, T0);
        Bytes cb = s.open(state("b"), T0.plusSeconds(1));
        Bytes cc = s.open(state("c"), T0.plusSeconds(2));
        // Using 'a' makes 'b' the least recently used.
        s.take(ca, Operation.HASH, "a", KmipVersion.V2_1, T0.plusSeconds(3));
        s.resume(ca, a, T0.plusSeconds(3));
        s.open(state("d"), T0.plusSeconds(4));
        assertThat(s.size()).isEqualTo(3);
        assertThat(reason(() -> s.take(cb, Operation.HASH, "b", KmipVersion.V2_1, T0.plusSeconds(5))))
                .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
        // 'c' was last used at +2: at +62 it has been idle exactly 60 s and lives; at +63 it is gone.
        assertThat(s.take(cc, Operation.HASH, "c", KmipVersion.V2_1, T0.plusSeconds(62)).identity()).isEqualTo("c");
        s.resume(cc, state("c"), T0.plusSeconds(2));
        assertThat(reason(() -> s.take(cc, Operation.HASH, "c", KmipVersion.V2_1, T0.plusSeconds(63))))
                .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    }

    @Test
    void correlationValuesDoNotRepeat() {
        CorrelationStates s = CorrelationStates.create(10_000, Duration.ofMinutes(1));
        Set<Bytes> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            assertThat(seen.add(s.open(state("x"), T0))).isTrue();
        }
    }
}
