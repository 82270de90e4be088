package io.kmipstack.server.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicDomainParameters;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.DRBGAlgorithm;
import io.kmipstack.codec.registry.RNGAlgorithm;
import io.kmipstack.codec.registry.RecommendedCurve;
import io.kmipstack.codec.registry.ResultReason;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

/** Key generation: lengths per algorithm, key pairs, and an honest description of the generator. */
class KeyGenerationTest {

    private static final ResultReason BAD = ResultReason.INVALID_ATTRIBUTE_VALUE;

    @Test
    void symmetricMaterialHasTheLengthTheAlgorithmNeeds() {
        assertThat(KeyGeneration.symmetric(CryptographicAlgorithm.AES, 128, BAD).length()).isEqualTo(16);
        assertThat(KeyGeneration.symmetric(CryptographicAlgorithm.AES, 256, BAD).length()).isEqualTo(32);
        assertThat(KeyGeneration.symmetric(CryptographicAlgorithm.DES3, 168, BAD).length()).isEqualTo(24);
        assertThat(KeyGeneration.symmetric(CryptographicAlgorithm.DES3, 112, BAD).length()).isEqualTo(16);
        assertThat(KeyGeneration.symmetric(CryptographicAlgorithm.HMAC_SHA256, 264, BAD).length()).isEqualTo(33);
        assertThatThrownBy(() -> KeyGeneration.symmetric(CryptographicAlgorithm.AES, 100, BAD))
                .isInstanceOfSatisfying(KmipException.class, e -> assertThat(e.resultReason()).isEqualTo(BAD))
                .hasMessage("cryptographic length: 100 for AES (expected: 128, 192, 256, 512)");
        assertThatThrownBy(() -> KeyGeneration.symmetric(CryptographicAlgorithm.RSA, 2048, BAD))
                .isInstanceOfSatisfying(KmipException.class,
                        e -> assertThat(e.resultReason()).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED));
    }

    @Test
    void keyPairsOfTheSupportedKinds() {
        KeyPair rsa = KeyGeneration.keyPair(CryptographicAlgorithm.RSA, 2048, null, BAD);
        assertThat(((RSAPublicKey) rsa.getPublic()).getModulus().bitLength()).isEqualTo(2048);
        assertThatThrownBy(() -> KeyGeneration.keyPair(CryptographicAlgorithm.RSA, 1024, null, BAD))
                .isInstanceOfSatisfying(KmipException.class, e -> assertThat(e.resultReason()).isEqualTo(BAD));
        KeyPair byCurve = KeyGeneration.keyPair(CryptographicAlgorithm.ECDSA, null,
                new CryptographicDomainParameters(null, RecommendedCurve.P_521), BAD);
        assertThat(((ECPublicKey) byCurve.getPublic()).getParams().getCurve().getField().getFieldSize()).isEqualTo(521);
        assertThat(KeyGeneration.keyPair(CryptographicAlgorithm.ED25519, null, null, BAD).getPublic().getAlgorithm())
                .isIn("EdDSA", "Ed25519");
        assertThatThrownBy(() -> KeyGeneration.keyPair(CryptographicAlgorithm.EC, 192, null, BAD))
                .isInstanceOfSatisfying(KmipException.class, e -> assertThat(e.resultReason()).isEqualTo(BAD));
    }

    @Test
    void theReportedGeneratorIsTheOneInUse() {
        // The JDK names its DRBG "Hash_DRBG,SHA-256,256,reseed_only" and the like.
        String jdk = KeyGeneration.random().toString();
        if (jdk.startsWith("Hash_DRBG")) {
            assertThat(KeyGeneration.rng().rngAlgorithm()).isEqualTo(RNGAlgorithm.DRBG);
            assertThat(KeyGeneration.rng().drbgAlgorithm()).isEqualTo(DRBGAlgorithm.HASH);
            assertThat(KeyGeneration.rng().hashingAlgorithm().name()).isEqualTo(jdk.split(",")[1].replace("-", "_"));
        } else {
            assertThat(KeyGeneration.rng().rngAlgorithm()).isIn(RNGAlgorithm.DRBG, RNGAlgorithm.UNSPECIFIED);
        }
        assertThat(jdk).contains(",256,");
    }
}
