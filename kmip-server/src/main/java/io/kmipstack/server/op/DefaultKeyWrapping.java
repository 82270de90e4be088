package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.EncryptionKeyInformation;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.KeyWrappingData;
import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.model.MACSignatureKeyInformation;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.EncodingOption;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.WrappingMethod;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvLimits;
import io.kmipstack.server.crypto.KeyWrapper;
import io.kmipstack.server.crypto.SignatureEngine;
import io.kmipstack.server.crypto.Signatures;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.Digests;
import io.kmipstack.server.object.KeyFormats;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.object.Lifecycle;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Key wrapping for Get and Export and unwrapping for Get, Export and Import with Key Wrap Type Not
 * Wrapped (KMIP 1.4 sections 2.1.5-2.1.6, 2.1 sections 3.3 and 7.18). The Key Value is wrapped
 * whole as TTLV (the default Encoding Option), with the attributes the specification names inside
 * it, or as its bare Key Material bytes (No Encoding: Raw-style material only, no attributes).
 *
 * <p>Wrapping methods: Encrypt (AES key wrap RFC 3394 / 5649, AES-GCM, RSA OAEP or PKCS#1 v1.5
 * with the wrapping key's public key: see {@link KeyWrapper}); MAC/sign (HMAC or CMAC with a
 * symmetric key, or a signature with a private key, over the encoded Key Value, carried in the
 * MAC/Signature field); Encrypt then MAC/sign (the MAC covers the ciphertext); MAC/sign then
 * encrypt (the MAC covers the plaintext encoding and is carried beside the ciphertext). TR-31 is
 * not offered. MAC/sign alone leaves the key readable, so a Sensitive key is never served so.
 *
 * <p>The wrapping key must be an on-line key the requester may use, Active (protection is
 * applied) with the Wrap Key usage bit, or MAC Generate / Sign for MAC/sign keys; the unwrapping
 * key needs Unwrap Key (MAC Verify / Verify) and may also be Deactivated or Compromised. Its
 * Cryptographic Parameters attribute decides the scheme: the specification's parameters must
 * match one of its instances, and without any the key cannot wrap (1.4 section 2.1.6: "If the
 * corresponding key does not have any Cryptographic Parameters attribute, or if no match is found,
 * then an error is returned"). The Key Wrapping Data returned names the parameters used: those of
 * the request when it gave some, else the key's.
 */
final class DefaultKeyWrapping implements KeyWrapping {

    static final DefaultKeyWrapping INSTANCE = new DefaultKeyWrapping();

    // A wrapped Key Value is our own encoding of one key; the limit only guards a hostile Import.
    private static final TtlvDecoder DECODER = TtlvDecoder.create(new TtlvLimits(16 << 20, TtlvLimits.DEFAULT_MAX_DEPTH));

    private DefaultKeyWrapping() {
    }

    @Override
    public ManagedObject wrap(RequestContext ctx, KmipObject object, ManagedObject content, KeyWrappingSpecification spec) {
        try {
            return doWrap(ctx, object, content, spec);
        } catch (KmipException e) {
            throw CryptoReasons.adapt(ctx, e);
        }
    }

    @Override
    public ManagedObject unwrap(RequestContext ctx, ManagedObject content) {
        try {
            return doUnwrap(ctx, content);
        } catch (KmipException e) {
            throw CryptoReasons.adapt(ctx, e);
        }
    }

    private ManagedObject doWrap(RequestContext ctx, KmipObject object, ManagedObject content, KeyWrappingSpecification spec) {
        WrappingMethod method = spec.wrappingMethod();
        boolean encrypt = encrypts(method);
        boolean mac = macs(method);
        EncryptionKeyInformation eki = spec.encryptionKeyInformation();
        MACSignatureKeyInformation mki = spec.macSignatureKeyInformation();
        if (encrypt && eki == null) {
            throw Failures.invalidField("key wrapping specification: no Encryption Key Information (expected: one for wrapping method "
                    + method.name() + ")");
        }
        if (mac && mki == null) {
            throw Failures.invalidField("key wrapping specification: no MAC/Signature Key Information (expected: one for wrapping method "
                    + method.name() + ")");
        }
        KeyBlock block = Digests.keyBlock(content);
        if (block == null) {
            throw Failures.invalidObjectType(ctx, "object " + object.uniqueIdentifier() + ": " + object.objectType()
                    + " has no key block to wrap (expected: a key or secret data)");
        }
        if (!(block.keyValue() instanceof KeyValue.Plain plain)) {
            throw Failures.fail(ResultReason.KEY_VALUE_NOT_PRESENT, "object " + object.uniqueIdentifier()
                    + ": no plaintext key value to wrap");
        }
        if (!encrypt && object.attributes().bool(Tag.SENSITIVE, false)) {
            throw Failures.fail(ResultReason.SENSITIVE, "object " + object.uniqueIdentifier() + ": sensitive (expected: a wrapping"
                    + " method that encrypts; MAC/sign alone leaves the key readable)");
        }
        Bytes encoded = encode(ctx, object, plain, spec);

        Encryption enc = encrypt ? encryption(ctx, eki.uniqueIdentifier(), eki.cryptographicParameters(), true) : null;
        Mac m = mac ? mac(ctx, mki.uniqueIdentifier(), mki.cryptographicParameters(), true) : null;
        Bytes value;
        Bytes macValue = null;
        Bytes iv = null;
        if (WrappingMethod.MAC_SIGN.equals(method)) {
            value = encoded;
            macValue = m.compute(encoded);
        } else {
            if (WrappingMethod.MAC_SIGN_THEN_ENCRYPT.equals(method)) {
                macValue = m.compute(encoded);
            }
            KeyWrapper.Wrapped w = enc.wrapper.wrap(encoded);
            value = w.value();
            iv = w.iv();
            if (WrappingMethod.ENCRYPT_THEN_MAC_SIGN.equals(method)) {
                macValue = m.compute(value);
            }
        }
        KeyWrappingData data = new KeyWrappingData(method,
                enc == null ? null : new EncryptionKeyInformation(UniqueIdentifier.of(enc.key.uniqueIdentifier()),
                        eki.cryptographicParameters() != null ? eki.cryptographicParameters() : enc.params),
                m == null ? null : new MACSignatureKeyInformation(UniqueIdentifier.of(m.key.uniqueIdentifier()),
                        mki.cryptographicParameters() != null ? mki.cryptographicParameters() : m.params),
                macValue, iv, spec.encodingOption());
        return GetHandler.withBlock(content, new KeyBlock(block.keyFormatType(), block.keyCompressionType(),
                KeyValue.wrapped(value), block.cryptographicAlgorithm(), block.cryptographicLength(), data));
    }

    // The bytes that get wrapped: the TTLV Key Value with the named attributes, or bare material.
    private static Bytes encode(RequestContext ctx, KmipObject object, KeyValue.Plain plain, KeyWrappingSpecification spec) {
        if (EncodingOption.NO_ENCODING.equals(spec.encodingOption())) {
            if (!spec.attributeName().isEmpty()) {
                throw Failures.fail(ResultReason.ENCODING_OPTION_ERROR, "encoding option: NoEncoding with "
                        + spec.attributeName().size() + " attribute names (expected: TTLVEncoding to wrap attributes)");
            }
            if (!(plain.keyMaterial() instanceof KeyMaterial.Raw raw)) {
                throw Failures.fail(ResultReason.ENCODING_OPTION_ERROR, "encoding option: NoEncoding for transparent key material"
                        + " (expected: TTLVEncoding, or a Key Format Type whose material is a byte string)");
            }
            return raw.bytes();
        }
        if (spec.encodingOption() != null && !EncodingOption.TTLV_ENCODING.equals(spec.encodingOption())) {
            throw Failures.fail(ResultReason.ENCODING_OPTION_ERROR, "encoding option: " + spec.encodingOption().name()
                    + " (expected: NoEncoding or TTLVEncoding)");
        }
        List<KmipAttribute> named = new ArrayList<>();
        for (String name : spec.attributeName()) {
            AttributeKey key = AttributeKey.ofName(name);
            if (key == null) {
                throw Failures.invalidAttribute(ctx, "attribute name: \"" + name + "\" (expected: an attribute name)");
            }
            named.addAll(object.attributes().all(key));
        }
        named = AttributeViews.presented(named, ctx.version());
        KeyValue.Plain withAttributes = ctx.version().isV2()
                ? new KeyValue.Plain(plain.keyMaterial(), List.of(), named.isEmpty() ? null : AttributeViews.v2(named))
                : new KeyValue.Plain(plain.keyMaterial(), AttributeViews.v1(named), null);
        return Bytes.wrap(TtlvEncoder.encode(withAttributes.encode(Tag.KEY_VALUE, ctx.version())));
    }

    private ManagedObject doUnwrap(RequestContext ctx, ManagedObject content) {
        KeyBlock block = Digests.keyBlock(content);
        if (block == null || block.keyWrappingData() == null) {
            return content;
        }
        KeyWrappingData data = block.keyWrappingData();
        WrappingMethod method = data.wrappingMethod();
        boolean encrypt = encrypts(method);
        boolean mac = macs(method);
        if (encrypt && data.encryptionKeyInformation() == null || mac && data.macSignatureKeyInformation() == null) {
            throw Failures.invalidField("key wrapping data: method " + method.name() + " without the key information it needs");
        }
        Bytes value = block.keyValue() instanceof KeyValue.Wrapped w ? w.ciphertext() : null;
        if (value == null) {
            throw Failures.invalidField("key wrapping data with a plaintext key value (expected: a wrapped Byte String)");
        }
        Encryption enc = encrypt ? encryption(ctx, data.encryptionKeyInformation().uniqueIdentifier(),
                data.encryptionKeyInformation().cryptographicParameters(), false) : null;
        Mac m = mac ? mac(ctx, data.macSignatureKeyInformation().uniqueIdentifier(),
                data.macSignatureKeyInformation().cryptographicParameters(), false) : null;
        if (mac && data.macSignature() == null) {
            throw Failures.invalidField("key wrapping data: no MAC/Signature (expected: one for wrapping method " + method.name() + ")");
        }
        Bytes plain;
        if (WrappingMethod.MAC_SIGN.equals(method)) {
            m.check(value, data.macSignature());
            plain = value;
        } else {
            if (WrappingMethod.ENCRYPT_THEN_MAC_SIGN.equals(method)) {
                m.check(value, data.macSignature());
            }
            plain = enc.wrapper.unwrap(value, data.ivCounterNonce());
            if (WrappingMethod.MAC_SIGN_THEN_ENCRYPT.equals(method)) {
                m.check(plain, data.macSignature());
            }
        }
        KeyValue keyValue;
        if (EncodingOption.NO_ENCODING.equals(data.encodingOption())) {
            keyValue = KeyValue.of(KeyMaterial.of(plain));
        } else {
            keyValue = decodeKeyValue(ctx, plain);
        }
        return GetHandler.withBlock(content, new KeyBlock(block.keyFormatType(), block.keyCompressionType(), keyValue,
                block.cryptographicAlgorithm(), block.cryptographicLength(), null));
    }

    // The unwrapped TTLV Key Value, its bound attributes in the form the request's version carries.
    private static KeyValue decodeKeyValue(RequestContext ctx, Bytes plain) {
        KeyValue decoded;
        try {
            Ttlv item = DECODER.decode(plain.toByteArray());
            if (item.tag() != Tag.KEY_VALUE) {
                throw new IllegalArgumentException("tag");
            }
            decoded = KeyValue.decode(item);
        } catch (RuntimeException e) {
            throw Failures.fail(ResultReason.CRYPTOGRAPHIC_FAILURE, "unwrapped key value: not a TTLV Key Value structure"
                    + " (expected: TTLVEncoding as the Key Wrapping Data says)");
        }
        if (!(decoded instanceof KeyValue.Plain p)) {
            throw Failures.fail(ResultReason.CRYPTOGRAPHIC_FAILURE, "unwrapped key value: a Byte String (expected: a Key Value structure)");
        }
        List<KmipAttribute> bound = new ArrayList<>(KmipAttribute.fromAttributes(p.attribute()));
        if (p.attributes() != null) {
            bound.addAll(KmipAttribute.of(p.attributes()));
        }
        if (bound.isEmpty()) {
            return KeyValue.of(p.keyMaterial());
        }
        return ctx.version().isV2()
                ? new KeyValue.Plain(p.keyMaterial(), List.of(), AttributeViews.v2(bound))
                : new KeyValue.Plain(p.keyMaterial(), AttributeViews.v1(bound), null);
    }

    private static boolean encrypts(WrappingMethod m) {
        requireMethod(m);
        return !WrappingMethod.MAC_SIGN.equals(m);
    }

    private static boolean macs(WrappingMethod m) {
        return !WrappingMethod.ENCRYPT.equals(m);
    }

    private static void requireMethod(WrappingMethod m) {
        if (!WrappingMethod.ENCRYPT.equals(m) && !WrappingMethod.MAC_SIGN.equals(m) && !WrappingMethod.ENCRYPT_THEN_MAC_SIGN.equals(m)
                && !WrappingMethod.MAC_SIGN_THEN_ENCRYPT.equals(m)) {
            throw Failures.featureNotSupported("wrapping method: " + m.name()
                    + " (expected: Encrypt, MAC/sign, Encrypt then MAC/sign or MAC/sign then encrypt)");
        }
    }

    // ---- the keys -------------------------------------------------------------------------------

    /** An encryption key resolved for wrapping or unwrapping: the object, its parameters and the cipher. */
    private record Encryption(KmipObject key, CryptographicParameters params, KeyWrapper wrapper) {
    }

    private static Encryption encryption(RequestContext ctx, UniqueIdentifier id, CryptographicParameters asked, boolean wrapping) {
        KmipObject probe = wrappingKey(ctx, id, 0, wrapping, false);
        // Unwrapping by RSA names the public key that wrapped; the usage rules are its private key's.
        boolean viaPrivate = !wrapping && ObjectType.PUBLIC_KEY.equals(probe.objectType());
        KmipObject key = viaPrivate ? probe : wrappingKey(ctx, id,
                wrapping ? CryptographicUsageMask.WRAP_KEY : CryptographicUsageMask.UNWRAP_KEY, wrapping, false);
        CryptographicParameters params = parameters(ctx, key, asked, wrapping);
        KeyBlock block = CryptoKeys.plainBlock(ctx, key);
        KeyWrapper wrapper;
        if (ObjectType.SYMMETRIC_KEY.equals(key.objectType())) {
            wrapper = KeyWrapper.symmetric(KeyFormats.symmetricBytes(block), params);
        } else if (ObjectType.PUBLIC_KEY.equals(key.objectType())) {
            if (wrapping) {
                wrapper = KeyWrapper.rsa(KeyFormats.publicKey(block), params);
            } else {
                // The data names the public key that wrapped; its private key unwraps.
                KmipObject priv = linked(ctx, key, LinkType.PRIVATE_KEY_LINK, CryptographicUsageMask.UNWRAP_KEY);
                wrapper = KeyWrapper.rsa(KeyFormats.privateKey(CryptoKeys.plainBlock(ctx, priv)), params);
            }
        } else if (!wrapping && ObjectType.PRIVATE_KEY.equals(key.objectType())) {
            wrapper = KeyWrapper.rsa(KeyFormats.privateKey(block), params);
        } else {
            throw Failures.invalidObjectType(ctx, "wrapping key " + key.uniqueIdentifier() + ": " + key.objectType()
                    + " (expected: a symmetric key or an RSA public key)");
        }
        return new Encryption(key, params, wrapper);
    }

    /** A MAC or signature key resolved for wrapping or unwrapping. */
    private record Mac(KmipObject key, CryptographicParameters params, CryptographicAlgorithm algorithm, Bytes secret,
            PrivateKey signing, PublicKey verifying) {

        Bytes compute(Bytes data) {
            if (secret != null) {
                return KeyWrapper.mac(algorithm, secret, params, data);
            }
            SignatureEngine s = Signatures.signer(Signatures.scheme(signing, params), signing, false);
            s.update(data);
            return s.sign();
        }

        void check(Bytes data, Bytes expected) {
            boolean ok;
            if (secret != null) {
                // Constant time: the comparison must not tell how much of a forged MAC was right.
                ok = MessageDigest.isEqual(KeyWrapper.mac(algorithm, secret, params, data).toByteArray(), expected.toByteArray());
            } else {
                SignatureEngine v = Signatures.verifier(Signatures.scheme(verifying, params), verifying, false);
                v.update(data);
                ok = v.verify(expected);
            }
            if (!ok) {
                throw Failures.fail(ResultReason.CRYPTOGRAPHIC_FAILURE, "key wrapping data: the MAC/signature does not verify"
                        + " under key " + key.uniqueIdentifier());
            }
        }
    }

    private static Mac mac(RequestContext ctx, UniqueIdentifier id, CryptographicParameters asked, boolean wrapping) {
        KmipObject probe = wrappingKey(ctx, id, 0, wrapping, true);
        boolean symmetric = ObjectType.SYMMETRIC_KEY.equals(probe.objectType());
        int usage = symmetric ? (wrapping ? CryptographicUsageMask.MAC_GENERATE : CryptographicUsageMask.MAC_VERIFY)
                : (wrapping ? CryptographicUsageMask.SIGN : CryptographicUsageMask.VERIFY);
        // Verifying a signature named by its private key: the usage rules are the linked public key's.
        boolean viaPublic = !wrapping && ObjectType.PRIVATE_KEY.equals(probe.objectType());
        KmipObject key = viaPublic ? probe : wrappingKey(ctx, id, usage, wrapping, true);
        CryptographicParameters params = parameters(ctx, key, asked, wrapping);
        KeyBlock block = CryptoKeys.plainBlock(ctx, key);
        if (symmetric) {
            Integer alg = key.attributes().integer(Tag.CRYPTOGRAPHIC_ALGORITHM);
            return new Mac(key, params, alg == null ? null : CryptographicAlgorithm.valueOf(alg), KeyFormats.symmetricBytes(block),
                    null, null);
        }
        if (ObjectType.PRIVATE_KEY.equals(key.objectType())) {
            if (wrapping) {
                return new Mac(key, params, null, null, KeyFormats.privateKey(block), null);
            }
            KmipObject pub = linked(ctx, key, LinkType.PUBLIC_KEY_LINK, CryptographicUsageMask.VERIFY);
            return new Mac(key, params, null, null, null, KeyFormats.publicKey(CryptoKeys.plainBlock(ctx, pub)));
        }
        if (!wrapping && ObjectType.PUBLIC_KEY.equals(key.objectType())) {
            return new Mac(key, params, null, null, null, KeyFormats.publicKey(block));
        }
        throw Failures.invalidObjectType(ctx, "MAC/signature key " + key.uniqueIdentifier() + ": " + key.objectType()
                + " (expected: a symmetric key, or a private key to sign)");
    }

    /**
     * The wrapping (or unwrapping) key {@code id} names, with the reasons 2.x has for wrapping keys
     * (Wrapping Object Not Found / Archived / Destroyed) and the 1.4 section 11.12 ones otherwise;
     * {@code usage} 0 checks only that it exists and is a key.
     */
    private static KmipObject wrappingKey(RequestContext ctx, UniqueIdentifier id, int usage, boolean protect, boolean mac) {
        boolean v2 = ctx.version().isV2();
        String what = (mac ? "MAC/signature key " : "wrapping key ") + id;
        KmipObject o;
        try {
            o = ObjectAccess.load(ctx, id);
        } catch (KmipException e) {
            if (e.resultReason() == ResultReason.OBJECT_NOT_FOUND || e.resultReason() == ResultReason.ITEM_NOT_FOUND) {
                throw Failures.fail(v2 ? ResultReason.WRAPPING_OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND, what + ": not found");
            }
            throw e;
        }
        if (ObjectAccess.isArchived(o)) {
            throw Failures.fail(v2 ? ResultReason.WRAPPING_OBJECT_ARCHIVED : ResultReason.OBJECT_ARCHIVED, what + ": archived");
        }
        if (Lifecycle.isDestroyed(o.state()) || !o.hasContent()) {
            throw Failures.fail(v2 ? ResultReason.WRAPPING_OBJECT_DESTROYED : ResultReason.ILLEGAL_OPERATION,
                    what + ": state " + o.state() + " (its key material is destroyed)");
        }
        ObjectType t = o.objectType();
        if (!ObjectType.SYMMETRIC_KEY.equals(t) && !ObjectType.PUBLIC_KEY.equals(t) && !ObjectType.PRIVATE_KEY.equals(t)) {
            throw Failures.invalidObjectType(ctx, what + ": " + t + " (expected: a key)");
        }
        if (usage == 0) {
            return o;
        }
        return KeyUsage.require(ctx, UniqueIdentifier.of(o.uniqueIdentifier()), usage,
                protect ? KeyUsage.Purpose.PROTECT : KeyUsage.Purpose.PROCESS);
    }

    /** The object {@code key} links to with {@code type}, checked for {@code usage} to process protected data. */
    private static KmipObject linked(RequestContext ctx, KmipObject key, LinkType type, int usage) {
        for (KmipAttribute a : key.attributes().all(Tag.LINK)) {
            Link link = Link.decode(a.value());
            if (type.equals(link.linkType())) {
                return KeyUsage.require(ctx, link.linkedObjectIdentifier(), usage, KeyUsage.Purpose.PROCESS);
            }
        }
        throw Failures.invalidField("key " + key.uniqueIdentifier() + ": no " + type.name()
                + " (expected: a link to the other key of the pair)");
    }

    /**
     * The parameters to wrap with: for wrapping, a match among the key's instances (1.4 section
     * 2.1.6); for unwrapping, those the Key Wrapping Data names, else the key's first instance.
     * 1.4 section 11.12 answers a missing or unmatched instance with Item Not Found; 2.x with Bad
     * Cryptographic Parameters.
     */
    private static CryptographicParameters parameters(RequestContext ctx, KmipObject key, CryptographicParameters asked,
            boolean wrapping) {
        CryptographicParameters p = !wrapping && asked != null ? asked : CryptoParams.matching(key, asked);
        if (p == null) {
            List<CryptographicParameters> have = CryptoParams.instances(key);
            throw Failures.fail(ctx.version().isV2() ? ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS : ResultReason.ITEM_NOT_FOUND,
                    "key " + key.uniqueIdentifier() + ": " + (have.isEmpty() ? "no Cryptographic Parameters attribute"
                            : "none of its " + have.size() + " Cryptographic Parameters matches the request's")
                            + " (expected: the key's parameters name the wrapping scheme; KMIP 2.1 section 7.18)");
        }
        return p;
    }
}
