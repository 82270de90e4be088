package io.kmipstack.server.op;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.payload.ReKeyKeyPairRequestPayload;
import io.kmipstack.codec.payload.ReKeyKeyPairResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KmipObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-key Key Pair (KMIP 1.4 section 4.5, 2.1 section 6.1.47): a new key pair replacing the one a
 * private key belongs to (its public key found through the Public Key Link). Each new key
 * inherits from the key it replaces (see {@link ReKeys}) and links back to it.
 */
final class ReKeyKeyPairHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        ReKeyKeyPairRequestPayload p = (ReKeyKeyPairRequestPayload) request;
        KmipObject oldPriv = ObjectAccess.loadOnline(ctx, p.privateKeyUniqueIdentifier() == null ? null
                : io.kmipstack.codec.model.UniqueIdentifier.of(p.privateKeyUniqueIdentifier()));
        if (!ObjectType.PRIVATE_KEY.equals(oldPriv.objectType())) {
            throw Failures.invalidObjectType(ctx, "object " + oldPriv.uniqueIdentifier() + ": " + oldPriv.objectType()
                    + " (expected: PrivateKey)");
        }
        if (!oldPriv.hasContent()) {
            throw Failures.fail(ResultReason.KEY_VALUE_NOT_PRESENT, "object " + oldPriv.uniqueIdentifier()
                    + ": no key value (state " + oldPriv.state() + ")");
        }
        KmipObject oldPub = null;
        for (KmipAttribute l : oldPriv.attributes().all(Tag.LINK)) {
            Link link = Link.decode(l.item());
            if (link.linkType().equals(LinkType.PUBLIC_KEY_LINK)) {
                oldPub = ObjectAccess.loadOnline(ctx, link.linkedObjectIdentifier());
            }
        }
        if (oldPub == null) {
            throw Failures.invalidField("object " + oldPriv.uniqueIdentifier() + ": no Public Key Link (expected: a key pair)");
        }
        NewObjects.requireStorage(p.privateProtectionStorageMasks() != null ? p.privateProtectionStorageMasks()
                : p.commonProtectionStorageMasks(), ctx.version().atLeast(KmipVersion.V2_1)
                ? ResultReason.PRIVATE_PROTECTION_STORAGE_UNAVAILABLE : ResultReason.PROTECTION_STORAGE_UNAVAILABLE);
        NewObjects.requireStorage(p.publicProtectionStorageMasks() != null ? p.publicProtectionStorageMasks()
                : p.commonProtectionStorageMasks(), ctx.version().atLeast(KmipVersion.V2_1)
                ? ResultReason.PUBLIC_PROTECTION_STORAGE_UNAVAILABLE : ResultReason.PROTECTION_STORAGE_UNAVAILABLE);
        List<KmipAttribute> common = RequestAttributes.of(ctx, p.commonTemplateAttribute(), p.commonAttributes());
        List<KmipAttribute> privReq = CreateKeyPairHandler.merge(common,
                RequestAttributes.of(ctx, p.privateKeyTemplateAttribute(), p.privateKeyAttributes()));
        List<KmipAttribute> pubReq = CreateKeyPairHandler.merge(common,
                RequestAttributes.of(ctx, p.publicKeyTemplateAttribute(), p.publicKeyAttributes()));
        ReKeys.checkOffset(p.offset(), privReq);
        ReKeys.checkOffset(p.offset(), pubReq);

        List<KmipAttribute> priv = ReKeys.overlay(withAlgorithm(oldPriv, ReKeys.inherited(ctx, oldPriv, p.offset())), privReq);
        List<KmipAttribute> pub = ReKeys.overlay(withAlgorithm(oldPriv, ReKeys.inherited(ctx, oldPub, p.offset())), pubReq);
        String privId = ctx.store().newUniqueIdentifier();
        String pubId = ctx.store().newUniqueIdentifier();
        ReKeys.retire(ctx, oldPriv, privId);
        ReKeys.retire(ctx, oldPub, pubId);
        priv.add(KmipAttribute.of(ReKeys.link(LinkType.REPLACED_OBJECT_LINK, oldPriv.uniqueIdentifier())));
        pub.add(KmipAttribute.of(ReKeys.link(LinkType.REPLACED_OBJECT_LINK, oldPub.uniqueIdentifier())));
        KmipObject[] pair = CreateKeyPairHandler.create(ctx, privId, pubId, priv, pub);
        return new ReKeyKeyPairResponsePayload(pair[0].uniqueIdentifier(), pair[1].uniqueIdentifier(), null, null);
    }

    private static List<KmipAttribute> withAlgorithm(KmipObject oldPriv, List<KmipAttribute> attrs) {
        List<KmipAttribute> out = new ArrayList<>(attrs);
        out.add(KmipAttribute.of(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, oldPriv.attributes().integer(Tag.CRYPTOGRAPHIC_ALGORITHM))));
        out.add(KmipAttribute.of(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, oldPriv.attributes().integer(Tag.CRYPTOGRAPHIC_LENGTH))));
        return out;
    }
}
