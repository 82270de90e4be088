package io.kmipstack.server.op;

import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.payload.ImportRequestPayload;
import io.kmipstack.codec.payload.ImportResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.KeyWrapType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.AttributeSet;
import io.kmipstack.server.object.Digests;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.object.Lifecycle;
import io.kmipstack.server.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Import (KMIP 1.4 section 4.41, 2.1 section 6.1.25; since 1.4): stores an object exported by a
 * server, under the Unique Identifier it had there and with its attributes as given, server-set
 * ones included: that is the point of an import. Only what the object itself determines (Unique
 * Identifier, Object Type, Digest) is checked or recomputed. An existing object with that
 * identifier is replaced only when Replace Existing says so and the requester may use it. A
 * wrapped key imported with Key Wrap Type Not Wrapped is unwrapped first ({@link KeyWrapping});
 * otherwise it is stored as provided.
 */
final class ImportHandler implements OperationHandler {

    private final KeyWrapping wrapping;

    ImportHandler(KeyWrapping wrapping) {
        this.wrapping = wrapping;
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        ImportRequestPayload p = (ImportRequestPayload) request;
        if (!(p.uniqueIdentifier() instanceof io.kmipstack.codec.model.UniqueIdentifier.Text text)) {
            throw Failures.invalidField("unique identifier: " + p.uniqueIdentifier() + " (expected: a text identifier)");
        }
        String id = text.value();
        ManagedObject object = p.managedObject();
        ObjectType type = RegisterHandler.typeOf(object);
        if (p.objectType() != null && !p.objectType().equals(type)) {
            throw Failures.invalidField("object type: " + p.objectType() + " (expected: " + type + ", the type of the object supplied)");
        }
        KeyBlock block = Digests.keyBlock(object);
        if (KeyWrapType.NOT_WRAPPED.equals(p.keyWrapType()) && block != null && block.keyWrappingData() != null) {
            // 1.4 table 252: "If Not Wrapped then the server SHALL unwrap the object before storing it".
            // Attributes bound inside the wrapped value are dropped: Import carries all attributes anyway.
            block = Digests.keyBlock(wrapping.unwrap(ctx, object));
            object = GetHandler.withBlock(object, new KeyBlock(block.keyFormatType(), block.keyCompressionType(),
                    KeyValue.of(block.keyValue().keyMaterial()), block.cryptographicAlgorithm(), block.cryptographicLength(), null));
        }
        Optional<StoredObject> existing = ctx.store().get(id);
        if (existing.isPresent()) {
            if (!Boolean.TRUE.equals(p.replaceExisting()) || !ctx.mayAccess(existing.get())) {
                throw Failures.fail(ResultReason.OBJECT_ALREADY_EXISTS, "object " + id + ": already exists"
                        + (Boolean.TRUE.equals(p.replaceExisting()) ? "" : " (expected: Replace Existing to replace it)"));
            }
            ctx.store().delete(id);
        }
        List<KmipAttribute> given = new ArrayList<>();
        for (io.kmipstack.codec.model.Attribute a : p.attributeList()) {
            given.add(RequestAttributes.of(ctx, a));
        }
        if (p.attributes() != null) {
            for (Ttlv item : p.attributes().items()) {
                given.add(RequestAttributes.of(ctx, item));
            }
        }
        AttributeSet attrs = AttributeSet.empty();
        for (KmipAttribute a : given) {
            AttributeKey key = AttributeKey.of(a);
            if (!key.isVendor() && (a.tag() == Tag.UNIQUE_IDENTIFIER || a.tag() == Tag.OBJECT_TYPE || a.tag() == Tag.DIGEST)) {
                continue;
            }
            if (key.isVendor() || key.def().multiValued()) {
                attrs.add(a.item());
            } else if (attrs.has(key)) {
                throw Failures.singleValued(ctx, key.specName());
            } else {
                attrs.set(a.item());
            }
        }
        attrs.set(Ttlv.text(Tag.UNIQUE_IDENTIFIER, id));
        attrs.set(Ttlv.enumeration(Tag.OBJECT_TYPE, type.value()));
        Ttlv digest = Digests.sha256(object);
        if (digest != null) {
            attrs.add(digest);
        }
        if (!attrs.has(Tag.STATE) && type != ObjectType.TEMPLATE) {
            attrs.set(Ttlv.enumeration(Tag.STATE, State.PRE_ACTIVE.value()));
        }
        if (!attrs.has(Tag.INITIAL_DATE)) {
            attrs.set(Ttlv.dateTime(Tag.INITIAL_DATE, ObjectAccess.now(ctx)));
        }
        attrs.set(Ttlv.dateTime(Tag.LAST_CHANGE_DATE, ObjectAccess.now(ctx)));
        Lifecycle.advance(attrs, ObjectAccess.now(ctx));
        for (KmipAttribute name : attrs.all(Tag.NAME)) {
            NewObjects.requireUniqueName(ctx, name.item(), id, true);
        }
        KmipObject o = KmipObject.create(id, type, ctx.identity(), attrs,
                Lifecycle.isDestroyed(attrs.state()) ? null : object);
        ObjectAccess.insert(ctx, o);
        ctx.idPlaceholder(id);
        return new ImportResponsePayload(p.uniqueIdentifier());
    }
}
