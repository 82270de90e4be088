package io.kmipstack.server.crypto;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.MaskGenerator;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.Objects;

/**
 * What an Encrypt or Decrypt does, resolved from the request's Cryptographic Parameters and the
 * key's (KMIP 1.4 section 3.6, 2.1 section 4.16): the algorithm (the parameters' Cryptographic
 * Algorithm, else the key's), Block Cipher Mode, Padding Method (absent means none), Tag Length
 * in bytes, IV Length in bits, Random IV, and for RSA OAEP the hashing algorithm, the MGF1 hashing
 * algorithm (SHA-1 when absent, as the spec's table says) and the P Source label. Which of these a
 * given algorithm needs, and what it refuses, is {@link Ciphers}' business.
 */
public record CipherSpec(CryptographicAlgorithm algorithm, BlockCipherMode mode, PaddingMethod padding, Integer tagLength,
        Integer ivLength, Boolean randomIv, HashingAlgorithm hashing, MaskGenerator maskGenerator,
        HashingAlgorithm maskGeneratorHashing, Bytes pSource, Integer initialCounterValue) {

    public CipherSpec {
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** The spec {@code parameters} (already {@linkplain #merge merged}) give for a key of {@code keyAlgorithm}. */
    public static CipherSpec of(CryptographicParameters parameters, CryptographicAlgorithm keyAlgorithm) {
        CryptographicParameters p = parameters == null ? CryptographicParameters.of() : parameters;
        CryptographicAlgorithm a = p.cryptographicAlgorithm() != null ? p.cryptographicAlgorithm() : keyAlgorithm;
        if (a == null) {
            throw new IllegalArgumentException("no cryptographic algorithm in the parameters or the key");
        }
        return new CipherSpec(a, p.blockCipherMode(), p.paddingMethod(), p.tagLength(), p.ivLength(), p.randomIV(),
                p.hashingAlgorithm(), p.maskGenerator(), p.maskGeneratorHashingAlgorithm(), p.pSource(), p.initialCounterValue());
    }

    /**
     * The parameters an operation uses: the request's fields, and for each field the request
     * leaves out, the key's Cryptographic Parameters attribute (the spec lets a client omit the
     * parameters "as they can be specified as associated attributes", 2.1 section 6.1.17; taking
     * them field by field lets a request say only what differs, e.g. its own Tag Length).
     */
    public static CryptographicParameters merge(CryptographicParameters request, CryptographicParameters stored) {
        if (stored == null) {
            return request;
        }
        if (request == null) {
            return stored;
        }
        return new CryptographicParameters(
                or(request.blockCipherMode(), stored.blockCipherMode()),
                or(request.paddingMethod(), stored.paddingMethod()),
                or(request.hashingAlgorithm(), stored.hashingAlgorithm()),
                or(request.keyRoleType(), stored.keyRoleType()),
                or(request.digitalSignatureAlgorithm(), stored.digitalSignatureAlgorithm()),
                or(request.cryptographicAlgorithm(), stored.cryptographicAlgorithm()),
                or(request.randomIV(), stored.randomIV()),
                or(request.ivLength(), stored.ivLength()),
                or(request.tagLength(), stored.tagLength()),
                or(request.fixedFieldLength(), stored.fixedFieldLength()),
                or(request.invocationFieldLength(), stored.invocationFieldLength()),
                or(request.counterLength(), stored.counterLength()),
                or(request.initialCounterValue(), stored.initialCounterValue()),
                or(request.saltLength(), stored.saltLength()),
                or(request.maskGenerator(), stored.maskGenerator()),
                or(request.maskGeneratorHashingAlgorithm(), stored.maskGeneratorHashingAlgorithm()),
                or(request.pSource(), stored.pSource()),
                or(request.trailerField(), stored.trailerField()));
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }

    /** Padding None when the parameters name none. */
    public PaddingMethod paddingOrNone() {
        return padding == null ? PaddingMethod.NONE : padding;
    }
}
