package io.kmipstack.ckms;

import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.OpaqueObject;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.TransparentSymmetricKey;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.ttlv.Bytes;

/**
 * The bytes a Get returns for the objects this module stores or wraps: a Symmetric Key's or
 * Secret Data's key material (Raw, Opaque or Transparent Symmetric Key format), an Opaque
 * Object's value, or a wrapped key block's ciphertext. A wrapped key with No Encoding comes back
 * two ways: as a Byte String Key Value (the spec's wrapped form), or, from PyKMIP 0.10, as a Key
 * Value structure whose Key Material holds the ciphertext next to the Key Wrapping Data; both
 * give the ciphertext here.
 */
final class KmipObjectContent {

    private KmipObjectContent() {
    }

    static Bytes of(GetResponsePayload response) {
        return of(response.managedObject());
    }

    static Bytes of(ManagedObject object) {
        if (object instanceof OpaqueObject o) {
            return o.opaqueDataValue();
        }
        KeyBlock block;
        if (object instanceof SecretData s) {
            block = s.keyBlock();
        } else if (object instanceof SymmetricKey k) {
            block = k.keyBlock();
        } else {
            throw new IllegalArgumentException("object: " + object.getClass().getSimpleName()
                    + " (expected: SymmetricKey, SecretData or OpaqueObject)");
        }
        KeyValue value = block.keyValue();
        if (value == null) {
            throw new IllegalArgumentException("key block: no Key Value");
        }
        if (value instanceof KeyValue.Wrapped w) {
            return w.ciphertext();
        }
        KeyMaterial material = value.keyMaterial();
        if (material instanceof KeyMaterial.Raw raw) {
            return raw.bytes();
        }
        return material.as(TransparentSymmetricKey::decode).key();
    }

    /** True when the key block came back wrapped (Key Wrapping Data present or a Byte String Key Value). */
    static boolean wrapped(ManagedObject object) {
        KeyBlock block = object instanceof SecretData s ? s.keyBlock() : object instanceof SymmetricKey k ? k.keyBlock() : null;
        return block != null && (block.keyWrappingData() != null || block.keyValue() instanceof KeyValue.Wrapped);
    }
}
