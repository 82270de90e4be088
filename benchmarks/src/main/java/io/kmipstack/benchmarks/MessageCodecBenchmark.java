package io.kmipstack.benchmarks;

import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.KmipVersion;
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
 * Whole messages between bytes and the typed model, the work PyKMIP's
 * {@code RequestMessage.read}/{@code write} do: decode is binary TTLV to a {@code Ttlv} tree to
 * {@link RequestMessage}/{@link ResponseMessage} records with typed payloads; encode is records to
 * tree to a new {@code byte[]}, in KMIP 1.2 as captured; write is records straight to a new
 * {@code byte[]} through {@code TtlvWriter} ({@code toBytes}), no tree. Three PyKMIP 0.10 wire captures:
 * Create AES-256 request (368 bytes), AES-GCM Encrypt request with 4 KiB (4,304 bytes), Get
 * AES-256 response (280 bytes). {@code benchmarks/pykmip_codec_timer.py} times PyKMIP on the same
 * bytes; {@code docs/benchmarks.md} puts the two side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageCodecBenchmark {

    private static final KmipVersion V = KmipVersion.V1_2;

    private final TtlvDecoder decoder = TtlvDecoder.create();

    private byte[] createRequest;
    private byte[] encryptRequest;
    private byte[] getResponse;
    private RequestMessage createRequestMessage;
    private RequestMessage encryptRequestMessage;
    private ResponseMessage getResponseMessage;

    @Setup
    public void setUp() {
        createRequest = BenchmarkMessages.wireCapture("create_aes256_req");
        encryptRequest = BenchmarkMessages.wireCapture("encrypt_gcm_4096_req");
        getResponse = BenchmarkMessages.wireCapture("get_aes256_resp");
        createRequestMessage = decodeCreateRequestMessage();
        encryptRequestMessage = decodeEncryptRequestMessage();
        getResponseMessage = decodeGetResponseMessage();
        // Measure nothing that is not a faithful round trip through the typed model.
        requireSame(encodeCreateRequestMessage(), createRequest, "create_aes256_req");
        requireSame(encodeEncryptRequestMessage(), encryptRequest, "encrypt_gcm_4096_req");
        requireSame(encodeGetResponseMessage(), getResponse, "get_aes256_resp");
        // The direct path must give the tree path's bytes, which are the captured ones.
        requireSame(writeCreateRequestMessage(), encodeCreateRequestMessage(), "create_aes256_req (write)");
        requireSame(writeEncryptRequestMessage(), encodeEncryptRequestMessage(), "encrypt_gcm_4096_req (write)");
        requireSame(writeGetResponseMessage(), encodeGetResponseMessage(), "get_aes256_resp (write)");
    }

    private static void requireSame(byte[] actual, byte[] expected, String name) {
        if (!Arrays.equals(actual, expected)) {
            throw new IllegalStateException(name + ": the typed round trip changes the message (" + actual.length + " bytes, expected "
                    + expected.length + ")");
        }
    }

    @Benchmark
    public RequestMessage decodeCreateRequestMessage() {
        return RequestMessage.decode(decoder.decode(createRequest));
    }

    @Benchmark
    public byte[] encodeCreateRequestMessage() {
        return TtlvEncoder.encode(createRequestMessage.encode(V));
    }

    @Benchmark
    public byte[] writeCreateRequestMessage() {
        return createRequestMessage.toBytes(V);
    }

    @Benchmark
    public RequestMessage decodeEncryptRequestMessage() {
        return RequestMessage.decode(decoder.decode(encryptRequest));
    }

    @Benchmark
    public byte[] encodeEncryptRequestMessage() {
        return TtlvEncoder.encode(encryptRequestMessage.encode(V));
    }

    @Benchmark
    public byte[] writeEncryptRequestMessage() {
        return encryptRequestMessage.toBytes(V);
    }

    @Benchmark
    public ResponseMessage decodeGetResponseMessage() {
        return ResponseMessage.decode(decoder.decode(getResponse));
    }

    @Benchmark
    public byte[] encodeGetResponseMessage() {
        return TtlvEncoder.encode(getResponseMessage.encode(V));
    }

    @Benchmark
    public byte[] writeGetResponseMessage() {
        return getResponseMessage.toBytes(V);
    }
}
