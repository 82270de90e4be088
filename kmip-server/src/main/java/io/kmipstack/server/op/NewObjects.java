package io.kmipstack.server.op;

import io.kmipstack.codec.model.Certificate;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.Name;
import io.kmipstack.codec.model.OpaqueObject;
import io.kmipstack.codec.model.Template;
import io.kmipstack.codec.registry.CertificateType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.payload.ProtectionStorageMasks;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ProtectionStorageMask;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.AttributeDef;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.AttributeSet;
import io.kmipstack.server.object.CertificateAttributes;
import io.kmipstack.server.object.Digests;
import io.kmipstack.server.object.KeyGeneration;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.object.Lifecycle;
import io.kmipstack.server.store.LocateQuery;
import io.kmipstack.server.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Makes new managed objects (Create, Create Key Pair, Register, Re-key, Import): the attributes
 * the server owns (Unique Identifier, Object Type, State, Initial and Last Change Date, Digest,
 * those derived from the content), the client's attributes checked against the rules of
 * {@link AttributeDef}, the defaults the spec asks for (Fresh, Sensitive, Extractable and their
 * "Always"/"Never" shadows, Lease Time), and the initial state (Active at once when the Activation
 * Date has already passed; KMIP 1.4 section 3.22 transition 1).
 */
final class NewObjects {

    /** The server's lease policy: every key may be used for an hour before Obtain Lease (Lease Time, 1.4 section 3.20). */
    static final long LEASE_SECONDS = 3600;

    private NewObjects() {
    }

    /**
     * A new object, not yet stored. {@code generated}: the server made the key material (Create,
     * Create Key Pair, Re-key), so it also owns Original Creation Date and Random Number Generator.
     */
    static KmipObject build(RequestContext ctx, ObjectType type, ManagedObject content, List<KmipAttribute> client,
            boolean generated) {
        String id = ctx.store().newUniqueIdentifier();
        return build(ctx, id, type, content, client, generated);
    }

    static KmipObject build(RequestContext ctx, String id, ObjectType type, ManagedObject content, List<KmipAttribute> client,
            boolean generated) {
        Instant now = ObjectAccess.now(ctx);
        AttributeSet attrs = AttributeSet.empty();
        attrs.set(Ttlv.text(Tag.UNIQUE_IDENTIFIER, id));
        attrs.set(Ttlv.bytes(Tag.SHORT_UNIQUE_IDENTIFIER, shortIdentifier(id)));
        attrs.set(Ttlv.enumeration(Tag.OBJECT_TYPE, type.value()));
        derive(attrs, content);
        boolean template = content instanceof Template;

        for (KmipAttribute a : client) {
            apply(ctx, attrs, a);
        }

        if (!template) {
            attrs.set(Ttlv.enumeration(Tag.STATE, State.PRE_ACTIVE.value()));
            attrs.set(Ttlv.dateTime(Tag.INITIAL_DATE, now));
            if (generated && !attrs.has(Tag.ORIGINAL_CREATION_DATE)) {
                attrs.set(Ttlv.dateTime(Tag.ORIGINAL_CREATION_DATE, now));
            }
            if (generated) {
                attrs.set(KeyGeneration.rng().encode(Tag.RANDOM_NUMBER_GENERATOR, KmipVersion.V2_1));
            }
            if (Digests.keyBlock(content) != null) {
                attrs.set(Ttlv.interval(Tag.LEASE_TIME, LEASE_SECONDS));
            }
            attrs.set(Ttlv.integer(Tag.PROTECTION_STORAGE_MASK, ProtectionStorageMask.SOFTWARE));
            boolean sensitive = attrs.bool(Tag.SENSITIVE, false);
            boolean extractable = attrs.bool(Tag.EXTRACTABLE, true);
            attrs.set(Ttlv.bool(Tag.SENSITIVE, sensitive));
            attrs.set(Ttlv.bool(Tag.ALWAYS_SENSITIVE, sensitive));
            attrs.set(Ttlv.bool(Tag.EXTRACTABLE, extractable));
            attrs.set(Ttlv.bool(Tag.NEVER_EXTRACTABLE, !extractable));
            if (!attrs.has(Tag.FRESH)) {
                attrs.set(Ttlv.bool(Tag.FRESH, true));
            }
        }
        attrs.set(Ttlv.dateTime(Tag.LAST_CHANGE_DATE, now));
        Lifecycle.advance(attrs, now);

        for (KmipAttribute name : attrs.all(Tag.NAME)) {
            requireUniqueName(ctx, name.item(), null, true);
        }
        return KmipObject.create(id, type, ctx.identity(), attrs, content);
    }

    /**
     * Refuses a request whose Protection Storage Masks (2.1 section 7.20; since 2.0) all exclude
     * Software storage, the only kind this server has: every object lives in its software store.
     */
    static void requireStorage(ProtectionStorageMasks masks, ResultReason unavailable) {
        if (masks == null || masks.protectionStorageMasks().isEmpty()) {
            return;
        }
        for (int mask : masks.protectionStorageMasks()) {
            if ((mask & ProtectionStorageMask.SOFTWARE) != 0) {
                return;
            }
        }
        throw Failures.fail(unavailable, "protection storage masks: " + masks.protectionStorageMasks().size()
                + " given, none with Software (expected: Software, the only protection storage of this server)");
    }

    // The attributes the content itself determines.
    private static void derive(AttributeSet attrs, ManagedObject content) {
        KeyBlock block = Digests.keyBlock(content);
        if (block != null) {
            if (block.cryptographicAlgorithm() != null) {
                attrs.set(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, block.cryptographicAlgorithm().value()));
            }
            if (block.cryptographicLength() != null) {
                attrs.set(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, block.cryptographicLength()));
            }
            attrs.set(Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, block.keyFormatType().value()));
        } else if (content instanceof Certificate c) {
            if (c.certificateType().equals(CertificateType.X_509)) {
                for (Ttlv item : CertificateAttributes.of(c.certificateValue())) {
                    if (AttributeKey.of(item.tag()).def() != null && AttributeKey.of(item.tag()).def().multiValued()) {
                        attrs.add(item);
                    } else {
                        attrs.set(item);
                    }
                }
            } else {
                attrs.set(Ttlv.enumeration(Tag.CERTIFICATE_TYPE, c.certificateType().value()));
                attrs.set(Ttlv.integer(Tag.CERTIFICATE_LENGTH, c.certificateValue().length()));
            }
        } else if (content instanceof OpaqueObject o) {
            attrs.set(Ttlv.enumeration(Tag.OPAQUE_DATA_TYPE, o.opaqueDataType().value()));
        }
        Ttlv digest = Digests.sha256(content);
        if (digest != null) {
            attrs.add(digest);
        }
    }

    // One client attribute of a creating request, checked against the attribute's rules.
    private static void apply(RequestContext ctx, AttributeSet attrs, KmipAttribute a) {
        AttributeKey key = AttributeKey.of(a);
        if (key.isVendor()) {
            attrs.add(a.item());
            return;
        }
        AttributeDef def = key.def();
        switch (def.origin()) {
            case SERVER -> throw Failures.readOnly(ctx, def.specName());
            case DERIVED -> {
                Ttlv have = attrs.value(def.tag());
                if (have != null) {
                    if (!have.equals(a.item())) {
                        throw Failures.invalidAttributeValue(ctx, "attribute " + def.specName()
                                + ": does not match the object (it says otherwise)");
                    }
                    return;
                }
                attrs.set(a.item());
                return;
            }
            default -> {
            }
        }
        if (def.multiValued()) {
            if (attrs.instance(key, a.item()) == null) {
                attrs.add(a.item());
            }
        } else {
            if (attrs.has(key)) {
                throw Failures.singleValued(ctx, def.specName());
            }
            attrs.set(a.item());
        }
    }

    /**
     * Refuses a Name that another live object visible to the requester already has. Destroyed
     * objects keep their names as metadata but no longer claim them, so a name can be reused
     * after its key is destroyed.
     */
    static void requireUniqueName(RequestContext ctx, Ttlv name, String self, boolean creating) {
        LocateQuery q = new LocateQuery(ctx.isAdmin() ? null : ctx.identity(), null, List.of(KmipAttribute.of(name)), 0, null);
        Instant now = ObjectAccess.now(ctx);
        for (String other : ctx.store().locate(q)) {
            if (other.equals(self)) {
                continue;
            }
            Optional<StoredObject> stored = ctx.store().get(other);
            if (stored.isPresent() && !Lifecycle.isDestroyed(KmipObject.of(stored.get(), now).state())) {
                throw Failures.nonUniqueName(ctx, Name.decode(name).nameValue(), creating);
            }
        }
    }

    // Short Unique Identifier (2.1 section 4.56): the SHA-256 of the Unique Identifier.
    private static Bytes shortIdentifier(String id) {
        try {
            return Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
