package io.kmipstack.cli;

import io.kmipstack.client.CryptoCall;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.DigitalSignatureAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.PaddingMethod;
import picocli.CommandLine.Option;

/** The Cryptographic Parameters the cryptographic commands take; only the given ones are sent. */
final class CryptoOptions {

    @Option(names = "--algorithm", paramLabel = "ALG", description = "Cryptographic Algorithm, e.g. AES, RSA, HMAC_SHA256.")
    String algorithm;

    @Option(names = "--mode", paramLabel = "MODE", description = "Block Cipher Mode, e.g. CBC, GCM, CTR.")
    String mode;

    @Option(names = "--padding", paramLabel = "PAD", description = "Padding Method, e.g. PKCS5, None, PKCS1v15, PSS.")
    String padding;

    @Option(names = "--hashing", paramLabel = "HASH", description = "Hashing Algorithm, e.g. SHA_256.")
    String hashing;

    @Option(names = "--signature-algorithm", paramLabel = "ALG",
            description = "Digital Signature Algorithm, e.g. SHA256WithRSAEncryption.")
    String signatureAlgorithm;

    @Option(names = "--tag-length", paramLabel = "BYTES", description = "Authenticated encryption tag length in bytes.")
    Integer tagLength;

    <S extends CryptoCall<S, ?, ?>> S apply(S call) {
        if (algorithm != null) {
            call.algorithm(KmipNames.parse("CryptographicAlgorithm", algorithm, CryptographicAlgorithm::valueOf, "--algorithm"));
        }
        if (mode != null) {
            call.mode(KmipNames.parse("BlockCipherMode", mode, BlockCipherMode::valueOf, "--mode"));
        }
        if (padding != null) {
            call.padding(KmipNames.parse("PaddingMethod", padding, PaddingMethod::valueOf, "--padding"));
        }
        if (hashing != null) {
            call.hashing(KmipNames.parse("HashingAlgorithm", hashing, HashingAlgorithm::valueOf, "--hashing"));
        }
        if (signatureAlgorithm != null) {
            call.signatureAlgorithm(KmipNames.parse("DigitalSignatureAlgorithm", signatureAlgorithm, DigitalSignatureAlgorithm::valueOf,
                    "--signature-algorithm"));
        }
        if (tagLength != null) {
            call.tagLength(tagLength);
        }
        return call;
    }
}
