package io.kmipstack.server.op;

import io.kmipstack.codec.model.Certificate;
import io.kmipstack.codec.model.CertificateRequest;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.OpaqueObject;
import io.kmipstack.codec.model.PGPKey;
import io.kmipstack.codec.model.PrivateKey;
import io.kmipstack.codec.model.PublicKey;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.SplitKey;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.Template;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.RegisterRequestPayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.Digests;
import io.kmipstack.server.object.KeyFormats;
import io.kmipstack.server.object.KmipObject;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * Register (KMIP 1.4 section 4.3, 2.1 section 6.1.43): stores an object the client supplies
 * (Symmetric Key, Public and Private Key, Split Key, Secret Data, Certificate, Opaque Object, PGP
 * Key; a Template in 1.x) exactly as given. What the object itself says (algorithm, length,
 * certificate fields, digest) becomes attributes; an attribute the client also states must agree.
 */
final class RegisterHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        RegisterRequestPayload p = (RegisterRequestPayload) request;
        NewObjects.requireStorage(p.protectionStorageMasks(), ResultReason.PROTECTION_STORAGE_UNAVAILABLE);
        ManagedObject content = p.managedObject();
        ObjectType actual = typeOf(content);
        if (!actual.equals(p.objectType())) {
            throw Failures.invalidField("object type: " + p.objectType() + " (expected: " + actual
                    + ", the type of the object supplied)");
        }
        List<KmipAttribute> attrs = new ArrayList<>(RequestAttributes.of(ctx, p.templateAttribute(), p.attributes()));
        if (content instanceof Template && hasName(((Template) content).attribute())) {
            throw Failures.invalidField("template: carries a Name (expected: the template's Name in the Template-Attribute)");
        }
        attrs.addAll(0, inferred(actual, content));
        KmipObject o = NewObjects.build(ctx, actual, content, attrs, false);
        ObjectAccess.insert(ctx, o);
        ctx.idPlaceholder(o.uniqueIdentifier());
        return new RegisterResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()), null);
    }

    private static boolean hasName(List<io.kmipstack.codec.model.Attribute> attributes) {
        for (io.kmipstack.codec.model.Attribute a : attributes) {
            if ("Name".equals(a.attributeName())) {
                return true;
            }
        }
        return false;
    }

    /** The Object Type of a managed object structure. */
    static ObjectType typeOf(ManagedObject content) {
        if (content instanceof SymmetricKey) {
            return ObjectType.SYMMETRIC_KEY;
        }
        if (content instanceof PublicKey) {
            return ObjectType.PUBLIC_KEY;
        }
        if (content instanceof PrivateKey) {
            return ObjectType.PRIVATE_KEY;
        }
        if (content instanceof SecretData) {
            return ObjectType.SECRET_DATA;
        }
        if (content instanceof Certificate) {
            return ObjectType.CERTIFICATE;
        }
        if (content instanceof OpaqueObject) {
            return ObjectType.OPAQUE_OBJECT;
        }
        if (content instanceof SplitKey) {
            return ObjectType.SPLIT_KEY;
        }
        if (content instanceof Template) {
            return ObjectType.TEMPLATE;
        }
        if (content instanceof PGPKey) {
            return ObjectType.PGP_KEY;
        }
        if (content instanceof CertificateRequest) {
            return ObjectType.CERTIFICATE_REQUEST;
        }
        throw new IllegalArgumentException("managed object: " + content.getClass().getSimpleName());
    }

    /**
     * Algorithm and length a key block leaves out but its material shows: the bit length of
     * Raw symmetric material, the algorithm and size of a parsable asymmetric key. Given as if
     * the client had stated them, so that a contradicting client attribute is still refused.
     */
    private static List<KmipAttribute> inferred(ObjectType type, ManagedObject content) {
        KeyBlock block = Digests.keyBlock(content);
        if (block == null || KeyFormats.material(block) == null
                || (block.cryptographicAlgorithm() != null && block.cryptographicLength() != null)) {
            return List.of();
        }
        List<KmipAttribute> out = new ArrayList<>(2);
        if ((ObjectType.SYMMETRIC_KEY.equals(type) || ObjectType.SECRET_DATA.equals(type))
                && (block.keyFormatType().equals(KeyFormatType.RAW) || block.keyFormatType().equals(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY))) {
            if (block.cryptographicLength() == null && ObjectType.SYMMETRIC_KEY.equals(type)) {
                out.add(KmipAttribute.of(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, KeyFormats.symmetricBytes(block).length() * 8)));
            }
            return out;
        }
        Key key;
        try {
            key = ObjectType.PUBLIC_KEY.equals(type) ? KeyFormats.publicKey(block)
                    : ObjectType.PRIVATE_KEY.equals(type) ? KeyFormats.privateKey(block) : null;
        } catch (io.kmipstack.codec.KmipException e) {
            // A format the server cannot parse is still stored; the client's attributes stand alone.
            return out;
        }
        if (key != null) {
            if (block.cryptographicAlgorithm() == null && KeyFormats.algorithm(key) != null) {
                out.add(KmipAttribute.of(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, KeyFormats.algorithm(key).value())));
            }
            if (block.cryptographicLength() == null && KeyFormats.bitLength(key) > 0) {
                out.add(KmipAttribute.of(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, KeyFormats.bitLength(key))));
            }
        }
        return out;
    }
}
