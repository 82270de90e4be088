package io.kmipstack.server.op;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.PrivateKey;
import io.kmipstack.codec.model.PublicKey;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.payload.DecryptRequestPayload;
import io.kmipstack.codec.payload.DecryptResponsePayload;
import io.kmipstack.codec.payload.EncryptRequestPayload;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.payload.RegisterRequestPayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.MaskGenerator;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helpers for the cryptographic services: keys registered with known bytes (Active, an hour
 * after their Activation Date), Cryptographic Parameters built field by field, and Encrypt and
 * Decrypt calls with hex arguments.
 */
final class CryptoFixtures {

    private CryptoFixtures() {
    }

    static Bytes hex(String hex) {
        return Bytes.fromHex(hex.replace(" ", ""));
    }

    /** Registers a Symmetric Key of {@code algorithm} with the bytes {@code keyHex}; its id. */
    static String symmetric(OpHarness h, CryptographicAlgorithm algorithm, String keyHex, int mask, Ttlv... extra) {
        Bytes key = hex(keyHex);
        SymmetricKey k = new SymmetricKey(new KeyBlock(KeyFormatType.RAW, null, KeyValue.of(KeyMaterial.of(key)), algorithm,
                key.length() * 8, null));
        return register(h, ObjectType.SYMMETRIC_KEY, k, mask, extra);
    }

    static String publicKey(OpHarness h, java.security.PublicKey key, int mask, Ttlv... extra) {
        PublicKey k = new PublicKey(new KeyBlock(KeyFormatType.X_509, null, KeyValue.of(KeyMaterial.of(Bytes.wrap(key.getEncoded()))),
                CryptographicAlgorithm.RSA, ((java.security.interfaces.RSAKey) key).getModulus().bitLength(), null));
        return register(h, ObjectType.PUBLIC_KEY, k, mask, extra);
    }

    static String privateKey(OpHarness h, java.security.PrivateKey key, int mask, Ttlv... extra) {
        PrivateKey k = new PrivateKey(new KeyBlock(KeyFormatType.PKCS_8, null, KeyValue.of(KeyMaterial.of(Bytes.wrap(key.getEncoded()))),
                CryptographicAlgorithm.RSA, ((java.security.interfaces.RSAKey) key).getModulus().bitLength(), null));
        return register(h, ObjectType.PRIVATE_KEY, k, mask, extra);
    }

    private static String register(OpHarness h, ObjectType type, io.kmipstack.codec.model.ManagedObject object, int mask,
            Ttlv... extra) {
        List<Ttlv> items = new ArrayList<>(List.of(OpHarness.mask(mask), OpHarness.date(Tag.ACTIVATION_DATE, h.now.minusSeconds(3600))));
        items.addAll(List.of(extra));
        Ttlv[] all = items.toArray(Ttlv[]::new);
        RegisterResponsePayload r = h.call(new RegisterRequestPayload(type, h.template(all), h.attributes(all), object, null));
        return r.uniqueIdentifier().toString();
    }

    /** The Cryptographic Parameters attribute item of {@code p}, to register with a key. */
    static Ttlv attribute(CryptographicParameters p) {
        return p.encode(Tag.CRYPTOGRAPHIC_PARAMETERS, KmipVersion.V2_1);
    }

    static Cp cp() {
        return new Cp();
    }

    /** Cryptographic Parameters, field by field. */
    static final class Cp {
        private BlockCipherMode mode;
        private PaddingMethod padding;
        private HashingAlgorithm hashing;
        private CryptographicAlgorithm algorithm;
        private Boolean randomIv;
        private Integer ivLength;
        private Integer tagLength;
        private Integer initialCounter;
        private MaskGenerator mgf;
        private HashingAlgorithm mgfHashing;
        private Bytes pSource;

        Cp mode(BlockCipherMode m) {
            mode = m;
            return this;
        }

        Cp padding(PaddingMethod p) {
            padding = p;
            return this;
        }

        Cp hashing(HashingAlgorithm h) {
            hashing = h;
            return this;
        }

        Cp algorithm(CryptographicAlgorithm a) {
            algorithm = a;
            return this;
        }

        Cp randomIv(boolean r) {
            randomIv = r;
            return this;
        }

        Cp ivLength(int bits) {
            ivLength = bits;
            return this;
        }

        Cp tagLength(int bytes) {
            tagLength = bytes;
            return this;
        }

        Cp initialCounter(int c) {
            initialCounter = c;
            return this;
        }

        Cp mgf1(HashingAlgorithm h) {
            mgf = MaskGenerator.MGF1;
            mgfHashing = h;
            return this;
        }

        Cp pSource(Bytes label) {
            pSource = label;
            return this;
        }

        CryptographicParameters build() {
            return new CryptographicParameters(mode, padding, hashing, null, null, algorithm, randomIv, ivLength, tagLength, null, null,
                    null, initialCounter, null, mgf, mgfHashing, pSource, null);
        }
    }

    static EncryptResponsePayload encrypt(OpHarness h, String id, CryptographicParameters p, Bytes data, Bytes iv) {
        return h.call(new EncryptRequestPayload(OpHarness.uid(id), p, data, iv, null, null, null, null));
    }

    static EncryptResponsePayload encrypt(OpHarness h, String id, CryptographicParameters p, Bytes data, Bytes iv, Bytes aad) {
        return h.call(new EncryptRequestPayload(OpHarness.uid(id), p, data, iv, null, null, null, aad));
    }

    static DecryptResponsePayload decrypt(OpHarness h, String id, CryptographicParameters p, Bytes data, Bytes iv) {
        return h.call(new DecryptRequestPayload(OpHarness.uid(id), p, data, iv, null, null, null, null, null));
    }

    static DecryptResponsePayload decrypt(OpHarness h, String id, CryptographicParameters p, Bytes data, Bytes iv, Bytes aad, Bytes tag) {
        return h.call(new DecryptRequestPayload(OpHarness.uid(id), p, data, iv, null, null, null, aad, tag));
    }
}
