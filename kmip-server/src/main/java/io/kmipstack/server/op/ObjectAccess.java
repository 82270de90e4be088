package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.store.StoredObject;
import java.time.Instant;

/**
 * Reading and writing managed objects on behalf of a handler: the requester's view (objects it
 * may not see are "not found", with the version's reason), the lifecycle as of the request time,
 * the storage status (an archived object answers Object Archived to everything but Recover), and
 * the Last Change Date that every write maintains. Crypto handlers use the same entry points.
 */
public final class ObjectAccess {

    private ObjectAccess() {
    }

    /** The request time, in whole seconds (KMIP Date-Time has no finer resolution). */
    public static Instant now(RequestContext ctx) {
        return Instant.ofEpochSecond(ctx.clock().instant().getEpochSecond());
    }

    /** The object {@code id} names (the ID Placeholder when null), archived or not. */
    public static KmipObject load(RequestContext ctx, UniqueIdentifier id) {
        StoredObject stored;
        try {
            stored = ctx.object(id);
        } catch (KmipException e) {
            if (e.resultReason() == ResultReason.ITEM_NOT_FOUND || e.resultReason() == ResultReason.OBJECT_NOT_FOUND) {
                // The context may speak 1.x; the version decides the reason the client sees.
                throw Failures.notFound(ctx, id == null ? "(ID Placeholder)" : id.toString());
            }
            throw e;
        }
        return KmipObject.of(stored, now(ctx));
    }

    /** As {@link #load}, refusing archived objects. */
    public static KmipObject loadOnline(RequestContext ctx, UniqueIdentifier id) {
        KmipObject o = load(ctx, id);
        if (isArchived(o)) {
            throw Failures.archived(o.uniqueIdentifier());
        }
        return o;
    }

    /** An object is in archival storage while it has an Archive Date (Recover removes it). */
    public static boolean isArchived(KmipObject o) {
        return o.attributes().has(Tag.ARCHIVE_DATE);
    }

    /** Writes back a changed object, setting its Last Change Date to the request time. */
    public static void update(RequestContext ctx, KmipObject o) {
        o.attributes().set(Ttlv.dateTime(Tag.LAST_CHANGE_DATE, now(ctx)));
        ctx.store().update(o.toStored());
    }

    /**
     * Writes back an object whose only change is one the server makes as a side effect of a
     * read (Fresh after Get, a date-driven state change): the Last Change Date stays.
     */
    public static void updateQuietly(RequestContext ctx, KmipObject o) {
        ctx.store().update(o.toStored());
    }

    public static void insert(RequestContext ctx, KmipObject o) {
        ctx.store().insert(o.toStored());
    }
}
