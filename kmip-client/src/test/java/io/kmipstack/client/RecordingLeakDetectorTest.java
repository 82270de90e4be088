package io.kmipstack.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check the client tests rely on really reports a buffer dropped without release. */
class RecordingLeakDetectorTest {

    static final String MARK = "recording-leak-detector-self-test";

    @Test
    void reportsABufferCollectedWithoutRelease() throws InterruptedException {
        leakOne();
        try {
            assertThat(RecordingLeakDetector.collect()).anyMatch(r -> r.contains(MARK));
        } finally {
            RecordingLeakDetector.LEAKS.removeIf(r -> r.contains(MARK));
        }
    }

    private static void leakOne() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.heapBuffer(8);
        b.touch(MARK);
        b.writeLong(1); // and never released
    }
}
