package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.server.store.StoreTransaction;
import io.kmipstack.server.store.StoredObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test-only {@link RequestContext}: one requester, one version, a store transaction, a clock,
 * and a batch's ID Placeholder and produced identifiers (for the 2.x placeholder enumerations and
 * indexes). Access is the owner's, a grantee's or an admin's, as the contract says.
 */
final class TestContext implements RequestContext {

    /** What the items of one batch share. */
    static final class Batch {
        String placeholder;
        final List<String> produced = new ArrayList<>();
        final List<String> logged = new ArrayList<>();
    }

    private final String identity;
    private final boolean admin;
    private final KmipVersion version;
    private final Operation operation;
    private final StoreTransaction store;
    private final Clock clock;
    private final Batch batch;

    TestContext(String identity, boolean admin, KmipVersion version, Operation operation, StoreTransaction store, Clock clock,
            Batch batch) {
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
        return Optional.ofNullable(batch.placeholder);
    }

    @Override
    public void idPlaceholder(String uniqueIdentifier) {
        batch.placeholder = uniqueIdentifier;
        if (uniqueIdentifier != null) {
            batch.produced.add(uniqueIdentifier);
        }
    }

    @Override
    public void log(String message) {
        batch.logged.add(message);
    }

    @Override
    public StoredObject object(UniqueIdentifier id) {
        String resolved;
        if (id == null || id instanceof UniqueIdentifier.Placeholder) {
            resolved = batch.placeholder;
            if (resolved == null) {
                throw new KmipException(ResultReason.INVALID_FIELD, "Unique Identifier: absent and no ID Placeholder");
            }
        } else if (id instanceof UniqueIdentifier.Index index) {
            int i = index.value() < 0 ? batch.produced.size() + index.value() : index.value();
            if (i < 0 || i >= batch.produced.size()) {
                throw new KmipException(ResultReason.INVALID_FIELD, "Unique Identifier index " + index.value() + ": none");
            }
            resolved = batch.produced.get(i);
        } else {
            resolved = ((UniqueIdentifier.Text) id).value();
        }
        String r = resolved;
        return store.get(r).filter(this::mayAccess)
                .orElseThrow(() -> new KmipException(ResultReason.ITEM_NOT_FOUND, "object " + r + ": not found"));
    }

    @Override
    public boolean mayAccess(StoredObject object) {
        return admin || object.owner().equals(identity) || store.grants(object.uniqueIdentifier()).contains(identity);
    }
}
