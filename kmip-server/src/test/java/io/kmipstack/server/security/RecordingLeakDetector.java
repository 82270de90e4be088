package io.kmipstack.server.security;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, installed for this module's integration tests by the system property
 * {@code io.netty.customResourceLeakDetector} (see the pom), that also keeps every report so a test
 * can fail on a leak instead of only logging it. The level is paranoid in tests: every buffer is
 * tracked.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    // Netty looks up one constructor or the other depending on its version; keep both.
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + ": " + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType);
        super.reportUntracedLeak(resourceType);
    }

    /** Whether Netty makes its leak detectors from this class (the pom's property reached the JVM before Netty started). */
    static boolean installed() {
        return ResourceLeakDetectorFactory.instance().newResourceLeakDetector(ByteBuf.class) instanceof RecordingLeakDetector;
    }

    /**
     * Collects garbage and allocates tracked buffers, which makes the detector report buffers that
     * were collected unreleased; then returns every report so far.
     */
    static List<String> collect() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            for (int j = 0; j < 50; j++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.heapBuffer(16);
                b.release();
            }
        }
        return List.copyOf(LEAKS);
    }
}
