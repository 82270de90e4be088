package io.kmipstack.server.object;

import io.kmipstack.codec.model.Certificate;
import io.kmipstack.codec.model.Digest;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.OpaqueObject;
import io.kmipstack.codec.model.PGPKey;
import io.kmipstack.codec.model.PrivateKey;
import io.kmipstack.codec.model.PublicKey;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.SplitKey;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Digest attribute (KMIP 1.4 section 3.17, 2.1 section 4.21): SHA-256 over the Key Material
 * when it is a Byte String, over the TTLV encoding of the Key Material structure when it is
 * transparent, over the Certificate Value of a certificate and the Opaque Data Value of an opaque
 * object. The Key Format Type field says which format was digested: the stored one, which for a
 * registered object is the format it was registered in, as the spec requires.
 */
public final class Digests {

    private Digests() {
    }

    /** The mandatory SHA-256 Digest of {@code object}, or null when it has nothing to digest (a wrapped key, a template). */
    public static Ttlv sha256(ManagedObject object) {
        if (object instanceof Certificate c) {
            return digest(c.certificateValue().toByteArray(), null);
        }
        if (object instanceof OpaqueObject o) {
            return digest(o.opaqueDataValue().toByteArray(), null);
        }
        KeyBlock block = keyBlock(object);
        if (block == null) {
            return null;
        }
        KeyMaterial m = KeyFormats.material(block);
        if (m instanceof KeyMaterial.Raw raw) {
            return digest(raw.bytes().toByteArray(), block);
        }
        if (m instanceof KeyMaterial.Transparent t) {
            return digest(TtlvEncoder.encode(t.encode(Tag.KEY_MATERIAL, KmipVersion.V2_1)), block);
        }
        return null;
    }

    /** The key block of a key-carrying object, or null for certificates, opaque objects and templates. */
    public static KeyBlock keyBlock(ManagedObject object) {
        if (object instanceof SymmetricKey k) {
            return k.keyBlock();
        }
        if (object instanceof PublicKey k) {
            return k.keyBlock();
        }
        if (object instanceof PrivateKey k) {
            return k.keyBlock();
        }
        if (object instanceof SecretData k) {
            return k.keyBlock();
        }
        if (object instanceof SplitKey k) {
            return k.keyBlock();
        }
        if (object instanceof PGPKey k) {
            return k.keyBlock();
        }
        return null;
    }

    private static Ttlv digest(byte[] data, KeyBlock block) {
        byte[] value;
        try {
            value = MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        return new Digest(HashingAlgorithm.SHA_256, Bytes.wrap(value), block == null ? null : block.keyFormatType())
                .encode(KmipVersion.V2_1);
    }
}
