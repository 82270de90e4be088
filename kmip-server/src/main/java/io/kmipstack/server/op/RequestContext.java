package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.server.store.StoredObject;
import io.kmipstack.server.store.StoreTransaction;
import java.time.Clock;
import java.util.Optional;

/**
 * What a handler may know and use while it executes one batch item: who asks, in which protocol
 * version, the batch's store transaction, the clock, and the ID Placeholder that links the items
 * of one batch (KMIP 1.4 section 7.2; 2.1 section 6.1: an operation without a Unique Identifier
 * uses the one the previous item produced).
 */
public interface RequestContext {

    /** The requester: the client certificate's identity (subject CN by default) or the credential's user. */
    String identity();

    /** True for configured admin identities, who see and may use every object. */
    boolean isAdmin();

    /** The protocol version of the request; the response is encoded in it. */
    KmipVersion version();

    /** The operation being executed. */
    Operation operation();

    /** The batch's transaction; everything a batch does commits or rolls back together. */
    StoreTransaction store();

    Clock clock();

    /** The ID Placeholder's current value, if an earlier item of this batch set one. */
    Optional<String> idPlaceholder();

    /**
     * Sets the ID Placeholder for the items that follow (a handler calls it with the id it
     * produced); {@code null} empties it.
     */
    void idPlaceholder(String uniqueIdentifier);

    /**
     * Empties the ID Placeholder, so that a following item without a Unique Identifier fails
     * instead of acting on a stale object (Locate matching several objects, a failed Check: KMIP
     * 1.4 sections 4.9 and 4.10).
     */
    default void clearIdPlaceholder() {
        idPlaceholder(null);
    }

    /**
     * Records a client's Log operation message (KMIP 2.1 section 6.1.29) with the requester's
     * identity. The default writes it to the {@code io.kmipstack.server.audit} logger; a context
     * with an audit log overrides it to write there.
     */
    default void log(String message) {
        org.slf4j.LoggerFactory.getLogger("io.kmipstack.server.audit").info("client log: identity={} message={}", identity(), message);
    }

    /**
     * The object {@code id} names (the ID Placeholder when {@code id} is null, resolving 2.x
     * placeholder enumerations as well), if the requester may see it.
     *
     * @throws io.kmipstack.codec.KmipException Item Not Found when it does not exist or belongs to
     *     someone else (no difference is visible to the requester), Invalid Field when {@code id}
     *     is null and no placeholder is set
     */
    StoredObject object(UniqueIdentifier id);

    /** True when the requester may see and use {@code object} (owner, admin, or granted). */
    boolean mayAccess(StoredObject object);
}
