package io.kmipstack.client;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, installed for this module's tests by the system property
 * {@code io.netty.customResourceLeakDetector} (see the pom), that also keeps every leak report so
 * a test can fail on it instead of only logging it. With the paranoid level every buffer is tracked.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    // Netty looks up one constructor or the other depending on its version; keep both.
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    @SuppressWarnings("deprecation") // the constructor Netty still calls reflectively
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + ": " + records);
        if (!records.contains(RecordingLeakDetectorTest.MARK)) { // the self-test's leak is expected; do not log it
            super.reportTracedLeak(resourceType, records);
        }
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType);
        super.reportUntracedLeak(resourceType);
    }

    /**
     * Collects garbage and allocates tracked buffers, which makes the detector report buffers that
     * were collected unreleased; then returns the reports.
     */
    static List<String> collect() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            for (int j = 0; j < 50; j++) {
                io.netty.buffer.ByteBuf b = io.netty.buffer.PooledByteBufAllocator.DEFAULT.heapBuffer(16);
                b.release();
            }
        }
        return List.copyOf(LEAKS);
    }
}
