package io.kmipstack.codec.ttlv;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TtlvLimitsTest {

    @Test
    void depthIsCappedSoHostileNestingCannotExhaustTheStack() {
        assertThat(new TtlvLimits(1024, TtlvLimits.MAX_DEPTH_CAP).maxDepth()).isEqualTo(256);
        assertThatIllegalArgumentException().isThrownBy(() -> new TtlvLimits(1024, TtlvLimits.MAX_DEPTH_CAP + 1))
                .withMessage("maxDepth: 257 (expected: 1 to 256)");
        assertThatIllegalArgumentException().isThrownBy(() -> new TtlvLimits(1024, 0));
    }

    @Test
    void messageSizeMustHoldAHeader() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TtlvLimits(7, 4))
                .withMessage("maxMessageSize: 7 (expected: >= 8)");
    }
}
