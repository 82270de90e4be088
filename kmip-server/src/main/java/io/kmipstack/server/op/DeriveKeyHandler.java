package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.DerivationParameters;
import io.kmipstack.codec.payload.DeriveKeyRequestPayload;
import io.kmipstack.codec.payload.DeriveKeyResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.DerivationMethod;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.crypto.KeyDerivation;
import io.kmipstack.server.crypto.KeyWrapper;
import io.kmipstack.server.object.AttributeSet;
import io.kmipstack.server.object.KeyFormats;
import io.kmipstack.server.object.KeyGeneration;
import io.kmipstack.server.object.KmipObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Derive Key (KMIP 1.4 section 4.6, 2.1 section 6.1.14): a new Symmetric Key or Secret Data from
 * keys or Secret Data the server holds. The first object named is the derivation key (its bytes are
 * the PBKDF2 password, the HKDF input keying material, the HMAC, hash or encryption key); a second
 * object, which must be Secret Data, supplies the derivation data instead of the Derivation Data
 * field (both at once: Invalid Message, 1.4 section 11.7). Every object named needs the Derive Key
 * usage bit and must be Active. The requested Cryptographic Length (and, for a key, Cryptographic
 * Algorithm) decide the output; the methods are those of {@link KeyDerivation}:
 *
 * <ul>
 *   <li>PBKDF2: PRF HMAC with the parameters' Hashing Algorithm, SHA-1 when none (RFC 8018's
 *       default); Salt and Iteration Count required.</li>
 *   <li>HKDF: hash from the parameters, SHA-256 by default (2.1 section 7.12); Salt optional;
 *       Derivation Data is the info.</li>
 *   <li>HMAC: "the attributes of the derivation key provide enough information about the PRF, and
 *       the Cryptographic Parameters are ignored": an HMAC key's algorithm, else the hash of the
 *       key's own Cryptographic Parameters attribute.</li>
 *   <li>HASH: the parameters' Hashing Algorithm over the key material followed by the derivation
 *       data.</li>
 *   <li>ENCRYPT: the derivation data encrypted with the key (AES or Triple-DES; ECB, CBC or CTR;
 *       the Initialization Vector, zeros when absent).</li>
 * </ul>
 *
 * The new object links to each base object (Derivation Base Object Link) and each base object to
 * it (Derived Key Link); the new identifier becomes the ID Placeholder. The ID Placeholder is never
 * used in place of a base object ("SHALL NOT be used", 2.1 table 205).
 */
final class DeriveKeyHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        DeriveKeyRequestPayload p = (DeriveKeyRequestPayload) request;
        try {
            return derive(ctx, p);
        } catch (KmipException e) {
            throw CryptoReasons.adapt(ctx, e);
        }
    }

    private static ResponsePayload derive(RequestContext ctx, DeriveKeyRequestPayload p) {
        ObjectType type = p.objectType();
        if (!ObjectType.SYMMETRIC_KEY.equals(type) && !ObjectType.SECRET_DATA.equals(type)) {
            throw ctx.version().isV2()
                    ? Failures.invalidObjectType(ctx, "object type: " + type + " (expected: SymmetricKey or SecretData)")
                    : Failures.invalidField("object type: " + type + " (expected: SymmetricKey or SecretData)");
        }
        if (p.uniqueIdentifiers().isEmpty() || p.uniqueIdentifiers().size() > 2) {
            throw Failures.invalidField("unique identifiers: " + p.uniqueIdentifiers().size()
                    + " (expected: the derivation key, and optionally a Secret Data object with the derivation data)");
        }
        List<KmipAttribute> attrs = new ArrayList<>(RequestAttributes.of(ctx, p.templateAttribute(), p.attributes()));
        AttributeSet given = AttributeSet.of(attrs);
        Integer bits = given.integer(Tag.CRYPTOGRAPHIC_LENGTH);
        if (bits == null || bits < 8 || bits % 8 != 0) {
            throw Failures.invalidField("cryptographic length: " + (bits == null ? "none" : bits)
                    + " (expected: the length in bits of the derived object, a multiple of 8)");
        }
        Integer algValue = given.integer(Tag.CRYPTOGRAPHIC_ALGORITHM);
        CryptographicAlgorithm alg = algValue == null ? null : CryptographicAlgorithm.valueOf(algValue);
        int bytes = bits / 8;
        if (ObjectType.SYMMETRIC_KEY.equals(type)) {
            if (alg == null) {
                throw Failures.invalidField("attributes: no Cryptographic Algorithm (expected: the algorithm of the derived key)");
            }
            // Checks the length suits the algorithm (AES 128/192/256, ...); the random bytes are discarded.
            bytes = KeyGeneration.symmetric(alg, bits, Failures.invalidAttributeValueReason(ctx)).length();
        }

        List<KmipObject> bases = new ArrayList<>(2);
        for (UniqueIdentifier id : p.uniqueIdentifiers()) {
            if (!(id instanceof UniqueIdentifier.Text)) {
                throw Failures.invalidField("unique identifier: " + id + " (expected: a text identifier; the ID Placeholder"
                        + " SHALL NOT stand for a derivation object)");
            }
            KmipObject o = KeyUsage.require(ctx, id, CryptographicUsageMask.DERIVE_KEY, KeyUsage.Purpose.PROTECT);
            if (!ObjectType.SYMMETRIC_KEY.equals(o.objectType()) && !ObjectType.SECRET_DATA.equals(o.objectType())) {
                throw ctx.version().isV2()
                        ? Failures.invalidObjectType(ctx, "object " + o.uniqueIdentifier() + ": " + o.objectType()
                                + " (expected: a Symmetric Key or Secret Data to derive from)")
                        : Failures.invalidField("object " + o.uniqueIdentifier() + ": " + o.objectType()
                                + " (expected: a Symmetric Key or Secret Data to derive from)");
            }
            bases.add(o);
        }
        KmipObject base = bases.get(0);
        Bytes key = KeyFormats.symmetricBytes(CryptoKeys.plainBlock(ctx, base));
        DerivationParameters dp = p.derivationParameters();
        Bytes data = dp.derivationData();
        if (bases.size() == 2) {
            KmipObject dataObject = bases.get(1);
            if (!ObjectType.SECRET_DATA.equals(dataObject.objectType())) {
                throw Failures.invalidField("object " + dataObject.uniqueIdentifier() + ": " + dataObject.objectType()
                        + " (expected: Secret Data as the second object, supplying the derivation data)");
            }
            if (data != null) {
                throw Failures.fail(ResultReason.INVALID_MESSAGE, "derivation data: given both as Derivation Data and by Secret Data "
                        + dataObject.uniqueIdentifier() + " (expected: one)");
            }
            data = KeyFormats.symmetricBytes(CryptoKeys.plainBlock(ctx, dataObject));
        }
        CryptographicParameters cp = CryptoParams.effective(base, dp.cryptographicParameters());
        DerivationMethod method = p.derivationMethod();
        Bytes derived;
        if (DerivationMethod.PBKDF2.equals(method)) {
            HashingAlgorithm prf = cp.hashingAlgorithm() != null ? cp.hashingAlgorithm() : HashingAlgorithm.SHA_1;
            derived = KeyDerivation.pbkdf2(prf, key, dp.salt(), dp.iterationCount(), bytes);
        } else if (DerivationMethod.HKDF.equals(method)) {
            HashingAlgorithm h = cp.hashingAlgorithm() != null ? cp.hashingAlgorithm() : HashingAlgorithm.SHA_256;
            derived = KeyDerivation.hkdf(h, key, dp.salt(), data, bytes);
        } else if (DerivationMethod.HMAC.equals(method)) {
            HashingAlgorithm h = KeyWrapper.hmacHash(algorithmOf(base));
            if (h == null) {
                h = CryptoParams.effective(base, null).hashingAlgorithm();
            }
            if (h == null) {
                throw Failures.fail(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "HMAC derivation: key " + base.uniqueIdentifier()
                        + " names no hash (expected: an HMAC key, or a Hashing Algorithm in its Cryptographic Parameters)");
            }
            requireData(data, method);
            derived = KeyDerivation.hmac(h, key, data, bytes);
        } else if (DerivationMethod.HASH.equals(method)) {
            if (cp.hashingAlgorithm() == null) {
                throw Failures.fail(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "HASH derivation: no Hashing Algorithm"
                        + " (expected: one in the Cryptographic Parameters)");
            }
            derived = KeyDerivation.hash(cp.hashingAlgorithm(), key, data, bytes);
        } else if (DerivationMethod.ENCRYPT.equals(method)) {
            requireData(data, method);
            derived = KeyDerivation.encrypt(algorithmOf(base), key, cp, dp.initializationVector(), data, bytes);
        } else if (method.isKnown()) {
            throw Failures.featureNotSupported("derivation method: " + method.name()
                    + " (expected: PBKDF2, HASH, HMAC, ENCRYPT or HKDF)");
        } else {
            throw Failures.invalidField("derivation method: " + method.name() + " (expected: PBKDF2, HASH, HMAC, ENCRYPT or HKDF)");
        }

        ManagedObject content;
        if (ObjectType.SYMMETRIC_KEY.equals(type)) {
            content = new SymmetricKey(new KeyBlock(KeyFormatType.RAW, null, KeyValue.of(KeyMaterial.of(derived)), alg, bits, null));
        } else {
            content = new SecretData(SecretDataType.SEED, new KeyBlock(KeyFormatType.OPAQUE, null,
                    KeyValue.of(KeyMaterial.of(derived)), null, null, null));
        }
        for (KmipObject b : bases) {
            attrs.add(link(LinkType.DERIVATION_BASE_OBJECT_LINK, b.uniqueIdentifier()));
        }
        KmipObject o = NewObjects.build(ctx, type, content, attrs, false);
        ObjectAccess.insert(ctx, o);
        for (KmipObject b : bases) {
            b.attributes().add(link(LinkType.DERIVED_KEY_LINK, o.uniqueIdentifier()).item());
            ObjectAccess.update(ctx, b);
        }
        ctx.idPlaceholder(o.uniqueIdentifier());
        return new DeriveKeyResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()), null);
    }

    private static void requireData(Bytes data, DerivationMethod method) {
        if (data == null) {
            throw Failures.invalidField("derivation parameters: no Derivation Data (expected: the data to "
                    + (DerivationMethod.HMAC.equals(method) ? "HMAC" : "encrypt") + ", or a Secret Data object with it)");
        }
    }

    private static CryptographicAlgorithm algorithmOf(KmipObject o) {
        Integer a = o.attributes().integer(Tag.CRYPTOGRAPHIC_ALGORITHM);
        return a == null ? null : CryptographicAlgorithm.valueOf(a);
    }

    private static KmipAttribute link(LinkType type, String target) {
        return KmipAttribute.of(new Link(type, UniqueIdentifier.of(target)).encode(Tag.LINK, KmipVersion.V2_1));
    }
}
