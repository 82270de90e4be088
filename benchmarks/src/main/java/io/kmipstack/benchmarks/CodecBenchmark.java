package io.kmipstack.benchmarks;

import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Binary TTLV to {@link Ttlv} tree and back, on four messages: PyKMIP 0.10's Create AES-256 request
 * (368 bytes) and AES-GCM Encrypt request with 4 KiB of data (4,304 bytes), as captured on the wire;
 * a Locate response with 1,000 identifiers; a Get response with an RSA-2048 private key in PKCS#8.
 * {@link #copyEncryptRequest()} is the floor the 4 KiB decode is judged against: copying its bytes.
 * Results and targets are in {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    private final TtlvDecoder decoder = TtlvDecoder.create();

    private byte[] createRequest;
    private byte[] encryptRequest;
    private byte[] locateResponse;
    private byte[] getRsaResponse;

    private Ttlv createRequestTree;
    private Ttlv encryptRequestTree;
    private Ttlv locateResponseTree;
    private Ttlv getRsaResponseTree;

    @Setup
    public void setUp() {
        createRequest = BenchmarkMessages.wireCapture("create_aes256_req");
        encryptRequest = BenchmarkMessages.wireCapture("encrypt_gcm_4096_req");
        locateResponseTree = BenchmarkMessages.locateResponse(1000);
        getRsaResponseTree = BenchmarkMessages.getRsaPrivateKeyResponse();

        createRequestTree = decoder.decode(createRequest);
        encryptRequestTree = decoder.decode(encryptRequest);
        locateResponse = TtlvEncoder.encode(locateResponseTree);
        getRsaResponse = TtlvEncoder.encode(getRsaResponseTree);

        // Measure nothing that is not a faithful round trip.
        requireRoundTrip(createRequest);
        requireRoundTrip(encryptRequest);
        requireRoundTrip(locateResponse);
        requireRoundTrip(getRsaResponse);
    }

    private void requireRoundTrip(byte[] message) {
        if (!Arrays.equals(TtlvEncoder.encode(decoder.decode(message)), message)) {
            throw new IllegalStateException("message does not round-trip: " + message.length + " bytes");
        }
    }

    @Benchmark
    public Ttlv decodeCreateRequest() {
        return decoder.decode(createRequest);
    }

    @Benchmark
    public byte[] encodeCreateRequest() {
        return TtlvEncoder.encode(createRequestTree);
    }

    @Benchmark
    public Ttlv decodeEncryptRequest() {
        return decoder.decode(encryptRequest);
    }

    @Benchmark
    public byte[] encodeEncryptRequest() {
        return TtlvEncoder.encode(encryptRequestTree);
    }

    @Benchmark
    public byte[] copyEncryptRequest() {
        return encryptRequest.clone();
    }

    @Benchmark
    public Ttlv decodeLocateResponse() {
        return decoder.decode(locateResponse);
    }

    @Benchmark
    public byte[] encodeLocateResponse() {
        return TtlvEncoder.encode(locateResponseTree);
    }

    @Benchmark
    public Ttlv decodeGetRsaResponse() {
        return decoder.decode(getRsaResponse);
    }

    @Benchmark
    public byte[] encodeGetRsaResponse() {
        return TtlvEncoder.encode(getRsaResponseTree);
    }
}
