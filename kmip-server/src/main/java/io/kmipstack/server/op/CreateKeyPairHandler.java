package io.kmipstack.server.op;

import io.kmipstack.codec.model.CryptographicDomainParameters;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.model.PrivateKey;
import io.kmipstack.codec.model.PublicKey;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.CreateKeyPairRequestPayload;
import io.kmipstack.codec.payload.CreateKeyPairResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.AttributeDef;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.AttributeSet;
import io.kmipstack.server.object.KeyFormats;
import io.kmipstack.server.object.KeyGeneration;
import io.kmipstack.server.object.KmipObject;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * Create Key Pair (KMIP 1.4 section 4.2, 2.1 section 6.1.9): an RSA (2048 to 4096 bits), EC
 * (P-256, P-384, P-521) or, from 2.0, Ed25519/Ed448 key pair generated with the JDK. Each key gets
 * the common attributes and its own (its own win for single-valued ones), and a Link to the other
 * (Public Key Link on the private key, Private Key Link on the public key). RSA keys are stored in
 * PKCS#1, others as PKCS#8 / X.509.
 */
final class CreateKeyPairHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        CreateKeyPairRequestPayload p = (CreateKeyPairRequestPayload) request;
        NewObjects.requireStorage(p.privateProtectionStorageMasks() != null ? p.privateProtectionStorageMasks()
                : p.commonProtectionStorageMasks(), ctx.version().atLeast(KmipVersion.V2_1)
                ? ResultReason.PRIVATE_PROTECTION_STORAGE_UNAVAILABLE : ResultReason.PROTECTION_STORAGE_UNAVAILABLE);
        NewObjects.requireStorage(p.publicProtectionStorageMasks() != null ? p.publicProtectionStorageMasks()
                : p.commonProtectionStorageMasks(), ctx.version().atLeast(KmipVersion.V2_1)
                ? ResultReason.PUBLIC_PROTECTION_STORAGE_UNAVAILABLE : ResultReason.PROTECTION_STORAGE_UNAVAILABLE);
        List<KmipAttribute> common = RequestAttributes.of(ctx, p.commonTemplateAttribute(), p.commonAttributes());
        List<KmipAttribute> priv = merge(common, RequestAttributes.of(ctx, p.privateKeyTemplateAttribute(), p.privateKeyAttributes()));
        List<KmipAttribute> pub = merge(common, RequestAttributes.of(ctx, p.publicKeyTemplateAttribute(), p.publicKeyAttributes()));
        KmipObject[] pair = create(ctx, ctx.store().newUniqueIdentifier(), ctx.store().newUniqueIdentifier(), priv, pub);
        return new CreateKeyPairResponsePayload(pair[0].uniqueIdentifier(), pair[1].uniqueIdentifier(), null, null);
    }

    /**
     * Generates, links and stores a key pair under the given identifiers; returns {private,
     * public}. Also used by Re-key Key Pair, which needs the identifiers before the keys exist.
     */
    static KmipObject[] create(RequestContext ctx, String privId, String pubId, List<KmipAttribute> priv,
            List<KmipAttribute> pub) {
        AttributeSet privSet = AttributeSet.of(priv);
        AttributeSet pubSet = AttributeSet.of(pub);
        Integer algorithm = privSet.integer(Tag.CRYPTOGRAPHIC_ALGORITHM);
        if (algorithm == null || !algorithm.equals(pubSet.integer(Tag.CRYPTOGRAPHIC_ALGORITHM))) {
            throw Failures.invalidField("attributes: Cryptographic Algorithm " + (algorithm == null ? "missing" : "differs between the keys")
                    + " (expected: one algorithm for both keys)");
        }
        CryptographicAlgorithm alg = CryptographicAlgorithm.valueOf(algorithm);
        if ((alg.equals(CryptographicAlgorithm.ED25519) || alg.equals(CryptographicAlgorithm.ED448)) && !ctx.version().isV2()) {
            throw Failures.invalidAttributeValue(ctx, "cryptographic algorithm: " + alg.name() + " (defined from KMIP 2.0)");
        }
        Integer length = privSet.integer(Tag.CRYPTOGRAPHIC_LENGTH);
        Ttlv domain = privSet.value(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS);
        KeyPair kp = KeyGeneration.keyPair(alg, length, domain == null ? null : CryptographicDomainParameters.decode(domain),
                Failures.invalidAttributeValueReason(ctx));
        int bits = KeyFormats.bitLength(kp.getPublic());
        if (length == null || alg.equals(CryptographicAlgorithm.ED25519) || alg.equals(CryptographicAlgorithm.ED448)) {
            length = bits;
        }
        boolean rsa = alg.equals(CryptographicAlgorithm.RSA);
        KeyFormatType privFormat = rsa ? KeyFormatType.PKCS_1 : KeyFormatType.PKCS_8;
        KeyFormatType pubFormat = rsa ? KeyFormatType.PKCS_1 : KeyFormatType.X_509;
        KeyBlock privBlock = new KeyBlock(privFormat, null,
                KeyValue.of(KeyFormats.fromPrivate(kp.getPrivate(), privFormat, privFormat)), alg, length, null);
        KeyBlock pubBlock = new KeyBlock(pubFormat, null,
                KeyValue.of(KeyFormats.fromPublic(kp.getPublic(), pubFormat, pubFormat)), alg, length, null);

        List<KmipAttribute> privAttrs = withLink(priv, LinkType.PUBLIC_KEY_LINK, pubId);
        List<KmipAttribute> pubAttrs = withLink(pub, LinkType.PRIVATE_KEY_LINK, privId);
        KmipObject privObj = NewObjects.build(ctx, privId, ObjectType.PRIVATE_KEY, new PrivateKey(privBlock), privAttrs, true);
        KmipObject pubObj = NewObjects.build(ctx, pubId, ObjectType.PUBLIC_KEY, new PublicKey(pubBlock), pubAttrs, true);
        ObjectAccess.insert(ctx, privObj);
        ObjectAccess.insert(ctx, pubObj);
        ctx.idPlaceholder(privId);
        return new KmipObject[] {privObj, pubObj};
    }

    static List<KmipAttribute> withLink(List<KmipAttribute> attrs, LinkType type, String target) {
        List<KmipAttribute> out = new ArrayList<>(attrs);
        out.add(KmipAttribute.of(new Link(type, UniqueIdentifier.of(target)).encode(Tag.LINK, KmipVersion.V2_1)));
        return out;
    }

    /** The common attributes overlaid with one key's own: its single-valued ones replace the common ones. */
    static List<KmipAttribute> merge(List<KmipAttribute> common, List<KmipAttribute> own) {
        List<KmipAttribute> out = new ArrayList<>(common.size() + own.size());
        for (KmipAttribute c : common) {
            AttributeKey key = AttributeKey.of(c);
            AttributeDef def = key.def();
            boolean overridden = false;
            if (def != null && !def.multiValued()) {
                for (KmipAttribute o : own) {
                    if (AttributeKey.of(o).equals(key)) {
                        overridden = true;
                        break;
                    }
                }
            }
            if (!overridden) {
                out.add(c);
            }
        }
        out.addAll(own);
        return out;
    }
}
