package io.kmipstack.server.op;

import static io.kmipstack.server.op.CryptoFixtures.cp;
import static io.kmipstack.server.op.CryptoFixtures.hex;
import static io.kmipstack.server.op.CryptoFixtures.symmetric;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.payload.HashRequestPayload;
import io.kmipstack.codec.payload.HashResponsePayload;
import io.kmipstack.codec.payload.MACRequestPayload;
import io.kmipstack.codec.payload.MACResponsePayload;
import io.kmipstack.codec.payload.MACVerifyRequestPayload;
import io.kmipstack.codec.payload.MACVerifyResponsePayload;
import io.kmipstack.codec.payload.RNGRetrieveRequestPayload;
import io.kmipstack.codec.payload.RNGRetrieveResponsePayload;
import io.kmipstack.codec.payload.RNGSeedRequestPayload;
import io.kmipstack.codec.payload.RNGSeedResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ValidityIndicator;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.crypto.Rngs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Known answers of HMAC, CMAC and the hash functions, and RNG Retrieve and RNG Seed, through their handlers. */
class MacHashRngTest {

    private static final int MAC = CryptographicUsageMask.MAC_GENERATE | CryptographicUsageMask.MAC_VERIFY;

    private final OpHarness h = new OpHarness(KmipVersion.V2_1);

    private static Bytes ascii(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private Bytes mac(String id, CryptographicParameters p, Bytes data) {
        MACResponsePayload r = h.call(new MACRequestPayload(uid(id), p, data, null, null, null));
        assertThat(r.uniqueIdentifier().toString()).isEqualTo(id);
        return r.macData();
    }

    private ValidityIndicator verify(String id, CryptographicParameters p, Bytes data, Bytes mac) {
        MACVerifyResponsePayload r = h.call(new MACVerifyRequestPayload(uid(id), p, data, mac, null, null, null));
        return r.validityIndicator();
    }

    @Test
    void hmacOfRfc4231AndRfc2202() {
        // RFC 4231 test case 1: key 0x0b x 20, "Hi There".
        String k1 = symmetric(h, CryptographicAlgorithm.HMAC_SHA256, "0b".repeat(20), MAC);
        Bytes hiThere = ascii("Hi There");
        assertThat(mac(k1, null, hiThere)).isEqualTo(hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
        assertThat(mac(k1, cp().algorithm(CryptographicAlgorithm.HMAC_SHA224).build(), hiThere))
                .isEqualTo(hex("896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"));
        assertThat(mac(k1, cp().algorithm(CryptographicAlgorithm.HMAC_SHA384).build(), hiThere))
                .isEqualTo(hex("afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"));
        assertThat(mac(k1, cp().algorithm(CryptographicAlgorithm.HMAC_SHA512).build(), hiThere))
                .isEqualTo(hex("87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4"
                        + "be9d914eeb61f1702e696c203a126854"));
        // RFC 2202 test case 1 (HMAC-SHA-1), same key and data.
        assertThat(mac(k1, cp().algorithm(CryptographicAlgorithm.HMAC_SHA1).build(), hiThere))
                .isEqualTo(hex("b617318655057264e28bc0b6fb378c8ef146be00"));
        // RFC 4231 test case 2: key "Jefe".
        String jefe = symmetric(h, CryptographicAlgorithm.HMAC_SHA256, ascii("Jefe").toHex(), MAC);
        Bytes question = ascii("what do ya want for nothing?");
        assertThat(mac(jefe, null, question)).isEqualTo(hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        assertThat(verify(jefe, null, question, hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")))
                .isEqualTo(ValidityIndicator.VALID);
        assertThat(verify(jefe, null, question, hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3844")))
                .isEqualTo(ValidityIndicator.INVALID);
        assertThat(verify(jefe, null, ascii("what do ya want for nothing!"),
                hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"))).isEqualTo(ValidityIndicator.INVALID);
    }

    @Test
    void macVerifyAcceptsATruncationOfRfc4231TestCase5ButNotAGuessableOne() {
        // RFC 4231 test case 5: key 0x0c x 20, "Test With Truncation", HMAC-SHA-256 truncated to 128 bits.
        String id = symmetric(h, CryptographicAlgorithm.HMAC_SHA256, "0c".repeat(20), MAC);
        Bytes data = ascii("Test With Truncation");
        assertThat(verify(id, null, data, hex("a3b6167473100ee06e0c796c2955552b"))).isEqualTo(ValidityIndicator.VALID);
        assertThat(verify(id, null, data, hex("a3b6167473100ee06e0c796c2955552c"))).isEqualTo(ValidityIndicator.INVALID);
        // Half of the 32 bytes is the shortest accepted; four bytes would be guessed in 2^32 tries.
        assertThat(h.fails(new MACVerifyRequestPayload(uid(id), null, data, hex("a3b61674"), null, null, null)))
                .isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void cmacOfRfc4493WithAnAesKeyAndAHmacNamedByTheKeysParameters() {
        // RFC 4493 section 4: AES-128 key 2b7e1516..., messages of 0, 16 and 40 bytes.
        String id = symmetric(h, CryptographicAlgorithm.AES, "2b7e151628aed2a6abf7158809cf4f3c", MAC);
        assertThat(mac(id, null, Bytes.EMPTY)).isEqualTo(hex("bb1d6929e95937287fa37d129b756746"));
        assertThat(mac(id, null, hex("6bc1bee22e409f96e93d7e117393172a"))).isEqualTo(hex("070a16b46b4d4144f79bdd9dd04a287c"));
        Bytes m40 = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411");
        assertThat(mac(id, cp().mode(io.kmipstack.codec.registry.BlockCipherMode.CMAC).build(), m40))
                .isEqualTo(hex("dfa66747de9ae63030ca32611497c827"));
        assertThat(verify(id, null, m40, hex("dfa66747de9ae63030ca32611497c827"))).isEqualTo(ValidityIndicator.VALID);
        // An AES key whose Cryptographic Parameters name HMAC-SHA256 MACs with HMAC (as CS-AC-M-4 does).
        String hmacByParameters = symmetric(h, CryptographicAlgorithm.AES, "0b".repeat(16), MAC,
                CryptoFixtures.attribute(cp().algorithm(CryptographicAlgorithm.HMAC_SHA256).build()));
        assertThat(mac(hmacByParameters, null, ascii("Hi There")).length()).isEqualTo(32);
    }

    @Test
    void hashesOfFips180AndFips202() {
        Bytes abc = ascii("abc");
        // FIPS 180-2 appendices A.1, B.1, C.1 and the SHA-224 and SHA-384 examples; FIPS 202 examples for SHA3 ("abc").
        assertThat(hash(HashingAlgorithm.SHA_1, abc)).isEqualTo(hex("a9993e364706816aba3e25717850c26c9cd0d89d"));
        assertThat(hash(HashingAlgorithm.SHA_224, abc)).isEqualTo(hex("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"));
        assertThat(hash(HashingAlgorithm.SHA_256, abc))
                .isEqualTo(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        assertThat(hash(HashingAlgorithm.SHA_384, abc)).isEqualTo(hex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                + "8086072ba1e7cc2358baeca134c825a7"));
        assertThat(hash(HashingAlgorithm.SHA_512, abc)).isEqualTo(hex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
        assertThat(hash(HashingAlgorithm.SHA3_256, abc))
                .isEqualTo(hex("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"));
        assertThat(hash(HashingAlgorithm.SHA3_512, abc)).isEqualTo(hex("b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
                + "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"));
        // A hash named by a SHA3 Cryptographic Algorithm instead of a Hashing Algorithm.
        HashResponsePayload byAlgorithm = h.call(new HashRequestPayload(cp().algorithm(CryptographicAlgorithm.SHA3_256).build(), abc,
                null, null, null));
        assertThat(byAlgorithm.data()).isEqualTo(hex("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"));
        assertThat(h.fails(new HashRequestPayload(cp().hashing(HashingAlgorithm.MD2).build(), abc, null, null, null)))
                .isEqualTo(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS);
        OpHarness v14 = new OpHarness(KmipVersion.V1_4);
        assertThat(v14.fails(new HashRequestPayload(cp().hashing(HashingAlgorithm.MD2).build(), abc, null, null, null)))
                .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    }

    private Bytes hash(HashingAlgorithm a, Bytes data) {
        HashResponsePayload r = h.call(new HashRequestPayload(cp().hashing(a).build(), data, null, null, null));
        return r.data();
    }

    @Test
    void rngRetrieveGivesTheLengthAskedForAndDifferentBytesEachTime() {
        RNGRetrieveResponsePayload a = h.call(new RNGRetrieveRequestPayload(32));
        RNGRetrieveResponsePayload b = h.call(new RNGRetrieveRequestPayload(32));
        assertThat(a.data().length()).isEqualTo(32);
        assertThat(a.data()).isNotEqualTo(b.data());
        assertThat(h.fails(new RNGRetrieveRequestPayload(0))).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(h.fails(new RNGRetrieveRequestPayload(Rngs.MAX_RETRIEVE + 1))).isEqualTo(ResultReason.SERVER_LIMIT_EXCEEDED);
    }

    @Test
    void rngSeedFollowsThePolicy() {
        Bytes seed = hex("333c06587706225099a67438f263f8f932f64b860c3a7dbb21bc2bd56685d8bc");
        RNGSeedResponsePayload all = h.call(new RNGSeedRequestPayload(seed));
        assertThat(all.dataLength()).isEqualTo(32);
        h.handlers.put(Operation.RNG_SEED, Handlers.rngSeed(Rngs.SeedPolicy.acceptUpTo(16)));
        assertThat(((RNGSeedResponsePayload) h.call(new RNGSeedRequestPayload(seed))).dataLength()).isEqualTo(16);
        h.handlers.put(Operation.RNG_SEED, Handlers.rngSeed(Rngs.SeedPolicy.ignore()));
        assertThat(((RNGSeedResponsePayload) h.call(new RNGSeedRequestPayload(seed))).dataLength()).isZero();
        h.handlers.put(Operation.RNG_SEED, Handlers.rngSeed(Rngs.SeedPolicy.deny()));
        assertThat(h.fails(new RNGSeedRequestPayload(seed))).isEqualTo(ResultReason.PERMISSION_DENIED);
        // Seeding supplements the generator's state: output stays unpredictable and distinct.
        assertThat(((RNGRetrieveResponsePayload) h.call(new RNGRetrieveRequestPayload(16))).data())
                .isNotEqualTo(((RNGRetrieveResponsePayload) h.call(new RNGRetrieveRequestPayload(16))).data());
    }
}
