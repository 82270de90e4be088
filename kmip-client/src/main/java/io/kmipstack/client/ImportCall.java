package io.kmipstack.client;

import io.kmipstack.client.jca.KmipObjects;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ImportRequestPayload;
import io.kmipstack.codec.payload.ImportResponsePayload;
import io.kmipstack.codec.registry.KeyWrapType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Import (KMIP 1.4 section 4.41, 2.1 section 6.1.25; since 1.4): stores an object under an
 * identifier the client chooses, with its attributes, as exported from another server.
 */
public final class ImportCall<R> extends AttributeCall<ImportCall<R>, ImportResponsePayload, R> {

    private String id;
    private ManagedObject object;
    private Boolean replaceExisting;
    private KeyWrapType keyWrapType;

    ImportCall(ClientCore core, Function<CompletableFuture<ImportResponsePayload>, R> finish) {
        super(core, finish);
    }

    public ImportCall<R> id(String id) {
        this.id = Objects.requireNonNull(id, "id");
        return this;
    }

    public ImportCall<R> object(ManagedObject object) {
        this.object = Objects.requireNonNull(object, "object");
        return this;
    }

    public ImportCall<R> replaceExisting(boolean replace) {
        this.replaceExisting = replace;
        return this;
    }

    public ImportCall<R> keyWrapType(KeyWrapType type) {
        this.keyWrapType = type;
        return this;
    }

    @Override
    public KmipRequest<ImportResponsePayload> request() {
        if (id == null || object == null) {
            throw new IllegalStateException("import: id(...) and object(...) are required");
        }
        UniqueIdentifier uid = UniqueIdentifier.of(id);
        ManagedObject o = object;
        ObjectType type = KmipObjects.objectType(o);
        Boolean replace = replaceExisting;
        KeyWrapType wrap = keyWrapType;
        AttributeList attrs = snapshot();
        List<KmipAttribute> items = attrs.items();
        return new KmipRequest<>(Operation.IMPORT, v -> new ImportRequestPayload(uid, v.isV2() ? type : null, replace, wrap,
                v.isV2() ? List.of() : KmipAttribute.toAttributeList(items), attrs.attributes(v, true), o),
                ImportResponsePayload.class, false);
    }
}
