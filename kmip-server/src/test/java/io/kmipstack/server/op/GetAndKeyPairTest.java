package io.kmipstack.server.op;

import static io.kmipstack.server.op.OpHarness.alg;
import static io.kmipstack.server.op.OpHarness.len;
import static io.kmipstack.server.op.OpHarness.mask;
import static io.kmipstack.server.op.OpHarness.name;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.model.PrivateKey;
import io.kmipstack.codec.model.PublicKey;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.TransparentECPublicKey;
import io.kmipstack.codec.model.TransparentRSAPrivateKey;
import io.kmipstack.codec.model.TransparentSymmetricKey;
import io.kmipstack.codec.payload.ArchiveRequestPayload;
import io.kmipstack.codec.payload.CreateKeyPairRequestPayload;
import io.kmipstack.codec.payload.CreateKeyPairResponsePayload;
import io.kmipstack.codec.payload.DestroyRequestPayload;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.ReKeyKeyPairRequestPayload;
import io.kmipstack.codec.payload.ReKeyKeyPairResponsePayload;
import io.kmipstack.codec.payload.RecoverRequestPayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.RecommendedCurve;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.WrappingMethod;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KeyFormats;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Get with format conversion and its refusals; Create Key Pair and Re-key Key Pair. */
class GetAndKeyPairTest {

    private static int pairs;

    // Each pair's keys are named priv-N and pub-N: names are unique per server.
    private static CreateKeyPairResponsePayload pair(OpHarness h, Ttlv... common) {
        String n = String.valueOf(++pairs);
        if (h.version.isV2()) {
            return h.call(new CreateKeyPairRequestPayload(null, null, null, h.attributes(common),
                    h.attributes(mask(CryptographicUsageMask.SIGN), name("priv-" + n)),
                    h.attributes(mask(CryptographicUsageMask.VERIFY), name("pub-" + n)), null, null, null));
        }
        return h.call(new CreateKeyPairRequestPayload(h.template(common), h.template(mask(CryptographicUsageMask.SIGN), name("priv-" + n)),
                h.template(mask(CryptographicUsageMask.VERIFY), name("pub-" + n)), null, null, null, null, null, null));
    }

    private static KeyBlock get(OpHarness h, String id, KeyFormatType format) {
        GetResponsePayload r = h.call(new GetRequestPayload(uid(id), format, null, null, null));
        if (r.managedObject() instanceof PrivateKey k) {
            return k.keyBlock();
        }
        if (r.managedObject() instanceof PublicKey k) {
            return k.keyBlock();
        }
        return ((SymmetricKey) r.managedObject()).keyBlock();
    }

    @Test
    void anRsaPairIsLinkedStoredInPkcs1AndServedInEveryRsaFormat() throws Exception {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        CreateKeyPairResponsePayload p = pair(h, alg(CryptographicAlgorithm.RSA), len(2048));
        String priv = p.privateKeyUniqueIdentifier();
        String pub = p.publicKeyUniqueIdentifier();
        assertThat(links(h, priv)).containsExactly(LinkType.PUBLIC_KEY_LINK + " " + pub);
        assertThat(links(h, pub)).containsExactly(LinkType.PRIVATE_KEY_LINK + " " + priv);
        assertThat(h.attribute(priv, Tag.CRYPTOGRAPHIC_USAGE_MASK).intValue()).isEqualTo(CryptographicUsageMask.SIGN);
        assertThat(h.attribute(pub, Tag.CRYPTOGRAPHIC_USAGE_MASK).intValue()).isEqualTo(CryptographicUsageMask.VERIFY);
        assertThat(get(h, priv, null).keyFormatType()).isEqualTo(KeyFormatType.PKCS_1);

        KeyBlock pkcs8 = get(h, priv, KeyFormatType.PKCS_8);
        KeyBlock transparent = get(h, priv, KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY);
        KeyBlock x509 = get(h, pub, KeyFormatType.X_509);
        KeyBlock pubT = get(h, pub, KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY);
        RSAPrivateCrtKey jcaPriv = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(((io.kmipstack.codec.model.KeyMaterial.Raw) KeyFormats.material(pkcs8)).bytes().toByteArray()));
        RSAPublicKey jcaPub = (RSAPublicKey) KeyFormats.publicKey(x509);
        assertThat(jcaPriv.getModulus().bitLength()).isEqualTo(2048);
        assertThat(jcaPriv.getModulus()).isEqualTo(jcaPub.getModulus());
        TransparentRSAPrivateKey t = KeyFormats.material(transparent).as(TransparentRSAPrivateKey::decode);
        assertThat(new java.math.BigInteger(t.modulus().toByteArray())).isEqualTo(jcaPub.getModulus());
        assertThat(KeyFormats.publicKey(pubT)).isEqualTo(jcaPub);
        // The pair works: what the private key signs, the public key verifies.
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(jcaPriv);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(jcaPub);
        s.update(new byte[] {1, 2, 3});
        assertThat(s.verify(sig)).isTrue();
        // An RSA key has no symmetric or EC form.
        assertThat(h.fails(new GetRequestPayload(uid(priv), KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY, null, null, null)))
                .isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
    }

    @Test
    void ecAndEd25519PairsAndTheirFormats() throws Exception {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        CreateKeyPairResponsePayload ec = pair(h, alg(CryptographicAlgorithm.EC), len(384));
        KeyBlock q = get(h, ec.publicKeyUniqueIdentifier(), KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY);
        TransparentECPublicKey t = KeyFormats.material(q).as(TransparentECPublicKey::decode);
        assertThat(t.recommendedCurve()).isEqualTo(RecommendedCurve.P_384);
        assertThat(t.qString().length()).isEqualTo(97);
        assertThat(KeyFormats.publicKey(q)).isEqualTo(KeyFormats.publicKey(get(h, ec.publicKeyUniqueIdentifier(), null)));
        KeyBlock sec1 = get(h, ec.privateKeyUniqueIdentifier(), KeyFormatType.EC_PRIVATE_KEY);
        assertThat(KeyFormats.privateKey(sec1)).isEqualTo(KeyFormats.privateKey(get(h, ec.privateKeyUniqueIdentifier(), null)));

        CreateKeyPairResponsePayload ed = pair(h, alg(CryptographicAlgorithm.ED25519));
        assertThat(get(h, ed.publicKeyUniqueIdentifier(), null).keyFormatType()).isEqualTo(KeyFormatType.X_509);
        assertThat(KeyFormats.privateKey(get(h, ed.privateKeyUniqueIdentifier(), null)).getAlgorithm()).isEqualTo("EdDSA");

        OpHarness v1 = new OpHarness(KmipVersion.V1_4);
        assertThat(v1.fails(new CreateKeyPairRequestPayload(v1.template(alg(CryptographicAlgorithm.RSA), len(1024)), null, null,
                null, null, null, null, null, null))).isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void symmetricKeysConvertBetweenRawAndTransparent() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String id = h.createAes(192);
        KeyBlock raw = get(h, id, KeyFormatType.RAW);
        KeyBlock t = get(h, id, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
        assertThat(KeyFormats.material(t).as(TransparentSymmetricKey::decode).key()).isEqualTo(KeyFormats.symmetricBytes(raw));
        assertThat(h.fails(new GetRequestPayload(uid(id), KeyFormatType.PKCS_8, null, null, null)))
                .isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
    }

    @Test
    void getRefusesSensitiveUnextractableDestroyedArchivedAndAnIncompleteWrappingSpecification() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String sensitive = h.createAes(128, Ttlv.bool(Tag.SENSITIVE, true));
        assertThat(h.fails(new GetRequestPayload(uid(sensitive), null, null, null, null))).isEqualTo(ResultReason.SENSITIVE);
        assertThat(h.attribute(sensitive, Tag.ALWAYS_SENSITIVE).booleanValue()).isTrue();
        String locked = h.createAes(128, Ttlv.bool(Tag.EXTRACTABLE, false));
        assertThat(h.fails(new GetRequestPayload(uid(locked), null, null, null, null))).isEqualTo(ResultReason.NOT_EXTRACTABLE);
        assertThat(h.attribute(locked, Tag.NEVER_EXTRACTABLE).booleanValue()).isTrue();

        String plain = h.createAes(128);
        assertThat(h.fails(new GetRequestPayload(uid(plain), null, null, null,
                new KeyWrappingSpecification(WrappingMethod.ENCRYPT, null, null, List.of(), null))))
                .isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(h.attribute(plain, Tag.FRESH).booleanValue()).isTrue();
        h.call(new GetRequestPayload(uid(plain), null, null, null, null));
        assertThat(h.attribute(plain, Tag.FRESH).booleanValue()).isFalse();

        h.call(new ArchiveRequestPayload(uid(plain)));
        assertThat(h.fails(new GetRequestPayload(uid(plain), null, null, null, null))).isEqualTo(ResultReason.OBJECT_ARCHIVED);
        h.call(new RecoverRequestPayload(uid(plain)));
        h.call(new DestroyRequestPayload(uid(plain)));
        assertThat(h.fails(new GetRequestPayload(uid(plain), null, null, null, null))).isEqualTo(ResultReason.OBJECT_DESTROYED);
        assertThat(h.stored(plain).content()).isNull();

        OpHarness v1 = new OpHarness(KmipVersion.V1_4);
        String old = v1.createAes(128);
        v1.call(new DestroyRequestPayload(uid(old)));
        assertThat(v1.fails(new GetRequestPayload(uid(old), null, null, null, null))).isEqualTo(ResultReason.ILLEGAL_OPERATION);
        assertThat(v1.fails(new GetRequestPayload(uid("no-such-id"), null, null, null, null))).isEqualTo(ResultReason.ITEM_NOT_FOUND);
        h.identity = "mallory";
        assertThat(h.fails(new GetRequestPayload(uid(sensitive), null, null, null, null))).isEqualTo(ResultReason.OBJECT_NOT_FOUND);
    }

    @Test
    void reKeyKeyPairReplacesBothKeysAndMovesTheirNames() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        CreateKeyPairResponsePayload old = pair(h, alg(CryptographicAlgorithm.RSA), len(2048));
        ReKeyKeyPairResponsePayload r = h.call(new ReKeyKeyPairRequestPayload(old.privateKeyUniqueIdentifier(), null, null, null,
                null, null, null, null, null, null, null));
        assertThat(links(h, old.privateKeyUniqueIdentifier())).contains(LinkType.REPLACEMENT_OBJECT_LINK + " " + r.privateKeyUniqueIdentifier());
        assertThat(links(h, old.publicKeyUniqueIdentifier())).contains(LinkType.REPLACEMENT_OBJECT_LINK + " " + r.publicKeyUniqueIdentifier());
        assertThat(links(h, r.privateKeyUniqueIdentifier())).containsExactlyInAnyOrder(
                LinkType.REPLACED_OBJECT_LINK + " " + old.privateKeyUniqueIdentifier(),
                LinkType.PUBLIC_KEY_LINK + " " + r.publicKeyUniqueIdentifier());
        assertThat(h.attribute(old.privateKeyUniqueIdentifier(), Tag.NAME)).isNull();
        assertThat(h.attribute(r.privateKeyUniqueIdentifier(), Tag.NAME).child(Tag.NAME_VALUE).textValue()).startsWith("priv-");
        assertThat(h.attribute(r.publicKeyUniqueIdentifier(), Tag.CRYPTOGRAPHIC_USAGE_MASK).intValue())
                .isEqualTo(CryptographicUsageMask.VERIFY);
        assertThat(h.attribute(r.privateKeyUniqueIdentifier(), Tag.CRYPTOGRAPHIC_LENGTH).intValue()).isEqualTo(2048);
    }

    static List<String> links(OpHarness h, String id) {
        List<String> out = new ArrayList<>();
        for (KmipAttribute a : h.attributes(id, Tag.LINK)) {
            Link l = Link.decode(a.value());
            out.add(l.linkType() + " " + l.linkedObjectIdentifier());
        }
        return out;
    }
}
