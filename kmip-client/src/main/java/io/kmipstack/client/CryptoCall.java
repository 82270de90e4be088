package io.kmipstack.client;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.DigitalSignatureAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A server-side cryptographic operation (Encrypt, Decrypt, Sign, Signature Verify, MAC, MAC
 * Verify, Hash; KMIP 1.2 and later): the key, the data, the Cryptographic Parameters (set
 * field by field here, or whole with {@link #parameters}), and the streaming fields of KMIP 1.3
 * (Correlation Value, Init and Final Indicators). A call with streaming fields is never repeated
 * after a lost connection: the server holds state for it.
 */
public abstract class CryptoCall<S extends CryptoCall<S, T, R>, T extends ResponsePayload, R> extends KmipCall<S, T, R> {

    String id;
    Bytes data;
    Bytes correlationValue;
    Boolean initIndicator;
    Boolean finalIndicator;
    private CryptographicParameters parameters;
    private BlockCipherMode mode;
    private PaddingMethod padding;
    private HashingAlgorithm hashing;
    private DigitalSignatureAlgorithm signatureAlgorithm;
    private CryptographicAlgorithm algorithm;
    private Boolean randomIv;
    private Integer ivLength;
    private Integer tagLength;

    CryptoCall(ClientCore core, Function<CompletableFuture<T>, R> finish) {
        super(core, finish);
    }

    /** The key to use; without it, the server uses the ID Placeholder. */
    public S id(String id) {
        this.id = id;
        return self();
    }

    public S data(Bytes data) {
        this.data = Objects.requireNonNull(data, "data");
        return self();
    }

    public S data(byte[] data) {
        return data(Bytes.of(data));
    }

    /** All Cryptographic Parameters at once; replaces the field setters below. */
    public S parameters(CryptographicParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        return self();
    }

    public S mode(BlockCipherMode mode) {
        this.mode = mode;
        return self();
    }

    public S padding(PaddingMethod padding) {
        this.padding = padding;
        return self();
    }

    public S hashing(HashingAlgorithm hashing) {
        this.hashing = hashing;
        return self();
    }

    public S signatureAlgorithm(DigitalSignatureAlgorithm algorithm) {
        this.signatureAlgorithm = algorithm;
        return self();
    }

    public S algorithm(CryptographicAlgorithm algorithm) {
        this.algorithm = algorithm;
        return self();
    }

    /** Asks the server to generate the IV (Random IV). */
    public S randomIv(boolean random) {
        this.randomIv = random;
        return self();
    }

    public S ivLength(int bits) {
        this.ivLength = bits;
        return self();
    }

    /** The authenticated-encryption tag length in bytes. */
    public S tagLength(int bytes) {
        this.tagLength = bytes;
        return self();
    }

    /** Continues a streamed operation (KMIP 1.3 and later). */
    public S correlationValue(Bytes value) {
        this.correlationValue = value;
        return self();
    }

    public S initIndicator(boolean init) {
        this.initIndicator = init;
        return self();
    }

    public S finalIndicator(boolean fin) {
        this.finalIndicator = fin;
        return self();
    }

    final CryptographicParameters cryptographicParameters() {
        if (parameters != null) {
            return parameters;
        }
        if (mode == null && padding == null && hashing == null && signatureAlgorithm == null && algorithm == null
                && randomIv == null && ivLength == null && tagLength == null) {
            return null;
        }
        return new CryptographicParameters(mode, padding, hashing, null, signatureAlgorithm, algorithm, randomIv, ivLength,
                tagLength, null, null, null, null, null, null, null, null, null);
    }

    final boolean stateless() {
        return KmipRequest.stateless(correlationValue, initIndicator, finalIndicator);
    }
}
