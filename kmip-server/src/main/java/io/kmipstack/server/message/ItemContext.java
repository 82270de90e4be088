package io.kmipstack.server.message;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.server.op.RequestContext;
import io.kmipstack.server.store.StoreTransaction;
import io.kmipstack.server.store.StoredObject;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@link RequestContext} of one batch item: the requester, the version, the item's store
 * transaction and the batch's {@link BatchState}. Access control lives here so that every handler
 * applies it the same way: an object that exists but is not the requester's (nor granted to them,
 * and they are no admin) is reported exactly like one that does not exist.
 */
final class ItemContext implements RequestContext {

    private final String identity;
    private final boolean admin;
    private final KmipVersion version;
    private final Operation operation;
    private final StoreTransaction store;
    private final Clock clock;
    private final BatchState batch;

    ItemContext(String identity, boolean admin, KmipVersion version, Operation operation, StoreTransaction store,
            Clock clock, BatchState batch) {
        this.identity = identity;
        this.admin = admin;
        this.version = version;
        this.operation = operation;
        this.store = store;
        this.clock = clock;
        this.batch = batch;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public boolean isAdmin() {
        return admin;
    }

    @Override
    public KmipVersion version() {
        return version;
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public StoreTransaction store() {
        return store;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Optional<String> idPlaceholder() {
        return Optional.ofNullable(batch.placeholder());
    }

    /** Sets the ID Placeholder; {@code null} empties it. */
    @Override
    public void idPlaceholder(String uniqueIdentifier) {
        batch.placeholder(uniqueIdentifier);
    }

    @Override
    public StoredObject object(UniqueIdentifier id) {
        String resolved = resolve(id);
        return store.get(resolved)
                .filter(this::mayAccess)
                .orElseThrow(() -> new KmipException(ResultReason.ITEM_NOT_FOUND, "object " + resolved + ": not found"));
    }

    @Override
    public boolean mayAccess(StoredObject object) {
        return admin || object.owner().equals(identity) || store.grants(object.uniqueIdentifier()).contains(identity);
    }

    private String resolve(UniqueIdentifier id) {
        if (id == null) {
            String placeholder = batch.placeholder();
            if (placeholder == null) {
                throw new KmipException(ResultReason.INVALID_FIELD,
                        "Unique Identifier: absent and no ID Placeholder set by an earlier item of this batch");
            }
            return placeholder;
        }
        if (id instanceof UniqueIdentifier.Text text) {
            return text.value();
        }
        if (id instanceof UniqueIdentifier.Placeholder p) {
            String resolved = batch.resolve(p.value());
            if (resolved == null) {
                throw new KmipException(ResultReason.INVALID_FIELD,
                        "Unique Identifier " + p.value().name() + ": no such identifier earlier in this batch");
            }
            return resolved;
        }
        UniqueIdentifier.Index index = (UniqueIdentifier.Index) id;
        String resolved = batch.index(index.value());
        if (resolved == null) {
            throw new KmipException(ResultReason.INVALID_FIELD,
                    "Unique Identifier " + index.value() + ": no such identifier earlier in this batch");
        }
        return resolved;
    }
}
