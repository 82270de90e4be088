package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.UsageLimits;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.UsageLimitsUnit;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.Digests;
import io.kmipstack.server.object.KeyFormats;
import io.kmipstack.server.object.KmipObject;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * What the cipher, MAC and hash handlers need from a managed object once {@link KeyUsage} has
 * allowed its use: its key in usable form, its algorithm, its Cryptographic Parameters attribute,
 * and the allocation from its Usage Limits. A key registered wrapped is unwrapped for the
 * operation when the server holds the unwrapping key ({@link #plainBlock}); an object of a type the operation
 * cannot use answers Invalid Object Type (1.x: Permission Denied, "not able to be used for",
 * KMIP 1.4 tables 353-358).
 */
final class CryptoKeys {

    private CryptoKeys() {
    }

    /** The object cannot serve this operation (its type, or its algorithm for the type). */
    static KmipException unusable(RequestContext ctx, String message) {
        return Failures.fail(ctx.version().isV2() ? ResultReason.INVALID_OBJECT_TYPE : ResultReason.PERMISSION_DENIED, message);
    }

    /** The object's Cryptographic Parameters attribute (the first instance), or null. */
    static CryptographicParameters parameters(KmipObject o) {
        Ttlv v = o.attributes().value(Tag.CRYPTOGRAPHIC_PARAMETERS);
        return v == null ? null : CryptographicParameters.decode(v);
    }

    /** The object's Cryptographic Algorithm attribute, else its key block's, else null. */
    static CryptographicAlgorithm algorithm(KmipObject o) {
        Ttlv v = o.attributes().value(Tag.CRYPTOGRAPHIC_ALGORITHM);
        if (v != null) {
            return CryptographicAlgorithm.valueOf(v.intValue());
        }
        KeyBlock b = block(o);
        return b == null ? null : b.cryptographicAlgorithm();
    }

    private static KeyBlock block(KmipObject o) {
        return o.content() == null ? null : Digests.keyBlock(o.content());
    }

    /**
     * The key block of {@code o} in the clear. A key registered wrapped is unwrapped for the
     * operation with the key its Key Wrapping Data names, under that key's own usage rules (Unwrap
     * Key; {@link DefaultKeyWrapping}); nothing unwrapped is stored.
     */
    static KeyBlock plainBlock(RequestContext ctx, KmipObject o) {
        KeyBlock b = block(o);
        if (b == null) {
            throw unusable(ctx, "object " + o.uniqueIdentifier() + ": a " + o.objectType().name() + " has no key");
        }
        if (!(b.keyValue() instanceof KeyValue.Plain)) {
            if (b.keyWrappingData() == null) {
                throw Failures.fail(ResultReason.KEY_VALUE_NOT_PRESENT, "object " + o.uniqueIdentifier()
                        + ": its key value is wrapped without Key Wrapping Data (expected: a key the server can unwrap)");
            }
            return Digests.keyBlock(DefaultKeyWrapping.INSTANCE.unwrap(ctx, o.content()));
        }
        return b;
    }

    /**
     * The secret bytes of a Symmetric Key ({@code alsoSecretData}: or Secret Data) in Raw,
     * Transparent Symmetric Key or Opaque format. The caller owns the copy and should clear it.
     */
    static byte[] secret(RequestContext ctx, KmipObject o, String operation, boolean alsoSecretData) {
        boolean ok = ObjectType.SYMMETRIC_KEY.equals(o.objectType())
                || (alsoSecretData && ObjectType.SECRET_DATA.equals(o.objectType()));
        if (!ok) {
            throw unusable(ctx, "object " + o.uniqueIdentifier() + ": a " + o.objectType().name() + " (expected: a SymmetricKey"
                    + (alsoSecretData ? " or SecretData" : "") + " for " + operation + ")");
        }
        return KeyFormats.symmetricBytes(plainBlock(ctx, o)).toByteArray();
    }

    /** The JCA public key of a Public Key object. */
    static PublicKey publicKey(RequestContext ctx, KmipObject o, String operation) {
        if (!ObjectType.PUBLIC_KEY.equals(o.objectType())) {
            throw unusable(ctx, "object " + o.uniqueIdentifier() + ": a " + o.objectType().name() + " (expected: a PublicKey for "
                    + operation + ")");
        }
        return KeyFormats.publicKey(plainBlock(ctx, o));
    }

    /** The JCA private key of a Private Key object. */
    static PrivateKey privateKey(RequestContext ctx, KmipObject o, String operation) {
        if (!ObjectType.PRIVATE_KEY.equals(o.objectType())) {
            throw unusable(ctx, "object " + o.uniqueIdentifier() + ": a " + o.objectType().name() + " (expected: a PrivateKey for "
                    + operation + ")");
        }
        return KeyFormats.privateKey(plainBlock(ctx, o));
    }

    /**
     * Takes an allocation from the object's Usage Limits, if it has any, before the object
     * protects {@code bytes} of data (KMIP 2.1 section 6.1.17: "the server SHALL obtain an
     * allocation from the current Usage Limits value prior to performing the encryption"): that
     * many bytes for the unit Byte, one use for the unit Object. Not enough left answers
     * Permission Denied (the spec's reason, in every version). The count written back is part of
     * the batch's transaction: a failure later in the item gives the allocation back.
     */
    static void allocate(RequestContext ctx, KmipObject o, long bytes) {
        Ttlv value = o.attributes().value(Tag.USAGE_LIMITS);
        if (value == null) {
            return;
        }
        UsageLimits u = UsageLimits.decode(value);
        long left = u.usageLimitsCount() != null ? u.usageLimitsCount() : u.usageLimitsTotal();
        long want = UsageLimitsUnit.BYTE.equals(u.usageLimitsUnit()) ? bytes : 1;
        if (want > left) {
            throw Failures.fail(ResultReason.PERMISSION_DENIED, "object " + o.uniqueIdentifier() + ": usage limit: " + left + " "
                    + u.usageLimitsUnit().name() + " left (asked: " + want + ")");
        }
        o.attributes().set(new UsageLimits(u.usageLimitsTotal(), left - want, u.usageLimitsUnit())
                .encode(Tag.USAGE_LIMITS, KmipVersion.V2_1));
        ObjectAccess.update(ctx, o);
    }

    /** True when the Usage Limits count bytes (each part of a stream takes its share), false for uses or none. */
    static boolean limitsBytes(KmipObject o) {
        Ttlv value = o.attributes().value(Tag.USAGE_LIMITS);
        return value != null && UsageLimitsUnit.BYTE.equals(UsageLimits.decode(value).usageLimitsUnit());
    }
}
