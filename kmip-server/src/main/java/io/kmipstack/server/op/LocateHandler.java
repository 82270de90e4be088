package io.kmipstack.server.op;

import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.LocateRequestPayload;
import io.kmipstack.codec.payload.LocateResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.ObjectGroupMember;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.StorageStatusMask;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.object.Lifecycle;
import io.kmipstack.server.store.LocateQuery;
import io.kmipstack.server.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Locate (KMIP 1.4 section 4.9, 2.1 section 6.1.28): the objects the requester may see whose
 * attributes match every attribute of the request. Equality filters on the values the store
 * indexes ({@link LocateQuery#indexable}) go to the store; the rest is checked on the candidates: two instances of a Date-Time attribute give an inclusive
 * range, State is the state as of the request time, a Cryptographic Usage Mask matches objects
 * having at least its bits. The Storage Status Mask selects on-line, archived and (2.x)
 * destroyed objects; without it only on-line objects are found, and a destroyed object is never
 * on-line. Offset and Maximum Items apply last; Located Items is answered when the request pages.
 * One match becomes the ID Placeholder; several, or none, empty it.
 */
final class LocateHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        LocateRequestPayload p = (LocateRequestPayload) request;
        List<KmipAttribute> filters = new ArrayList<>();
        for (Attribute a : p.attributeList()) {
            filters.add(RequestAttributes.of(ctx, a));
        }
        if (p.attributes() != null) {
            for (Ttlv item : p.attributes().items()) {
                filters.add(RequestAttributes.of(ctx, item));
            }
        }

        // Group the filters by attribute: dates given twice are ranges, the rest equalities.
        Map<AttributeKey, List<Ttlv>> byKey = new LinkedHashMap<>();
        for (KmipAttribute f : filters) {
            byKey.computeIfAbsent(AttributeKey.of(f), k -> new ArrayList<>()).add(f.item());
        }
        List<KmipAttribute> equal = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        ObjectType objectType = null;
        for (Map.Entry<AttributeKey, List<Ttlv>> e : byKey.entrySet()) {
            AttributeKey key = e.getKey();
            List<Ttlv> values = e.getValue();
            int tag = key.tag();
            if (!key.isVendor() && values.get(0).type() == ItemType.DATE_TIME && values.size() == 2) {
                Instant a = values.get(0).instantValue();
                Instant b = values.get(1).instantValue();
                Instant lo = a.isBefore(b) ? a : b;
                Instant hi = a.isBefore(b) ? b : a;
                checks.add(o -> {
                    for (KmipAttribute have : o.attributes().all(key)) {
                        Instant t = have.value().instantValue();
                        if (!t.isBefore(lo) && !t.isAfter(hi)) {
                            return true;
                        }
                    }
                    return false;
                });
            } else if (tag == Tag.STATE && !key.isVendor()) {
                for (Ttlv v : values) {
                    State want = State.valueOf(v.intValue());
                    checks.add(o -> want.equals(o.state()));
                }
            } else if (tag == Tag.CRYPTOGRAPHIC_USAGE_MASK && !key.isVendor()) {
                for (Ttlv v : values) {
                    int want = v.intValue();
                    checks.add(o -> {
                        Integer mask = o.attributes().integer(Tag.CRYPTOGRAPHIC_USAGE_MASK);
                        return mask != null && (mask & want) == want;
                    });
                }
            } else if (tag == Tag.OBJECT_TYPE && !key.isVendor() && values.size() == 1) {
                objectType = ObjectType.valueOf(values.get(0).intValue());
            } else {
                for (Ttlv v : values) {
                    if (LocateQuery.indexable(v)) {
                        equal.add(KmipAttribute.of(v));
                    } else {
                        // Not in the store's index (LocateQuery): checked on the candidates.
                        checks.add(o -> {
                            for (KmipAttribute have : o.attributes().all(key)) {
                                if (have.item().equals(v)) {
                                    return true;
                                }
                            }
                            return false;
                        });
                    }
                }
            }
        }

        int statusMask = p.storageStatusMask() == null ? StorageStatusMask.ON_LINE_STORAGE : p.storageStatusMask();
        Instant now = ObjectAccess.now(ctx);
        LocateQuery query = new LocateQuery(ctx.isAdmin() ? null : ctx.identity(), objectType, equal, 0, null);
        List<KmipObject> matches = new ArrayList<>();
        for (String id : ctx.store().locate(query)) {
            Optional<StoredObject> stored = ctx.store().get(id);
            if (stored.isEmpty() || !ctx.mayAccess(stored.get())) {
                continue;
            }
            KmipObject o = KmipObject.of(stored.get(), now);
            if (!inStorage(o, statusMask) || !all(checks, o)) {
                continue;
            }
            if (ObjectGroupMember.GROUP_MEMBER_FRESH.equals(p.objectGroupMember()) && !o.attributes().bool(Tag.FRESH, false)) {
                continue;
            }
            matches.add(o);
        }
        if (ObjectGroupMember.GROUP_MEMBER_DEFAULT.equals(p.objectGroupMember()) && matches.size() > 1) {
            // The group's default member is its newest object.
            KmipObject newest = matches.get(0);
            for (KmipObject o : matches) {
                Instant t = o.attributes().date(Tag.INITIAL_DATE);
                Instant best = newest.attributes().date(Tag.INITIAL_DATE);
                if (t != null && (best == null || t.isAfter(best))) {
                    newest = o;
                }
            }
            matches = List.of(newest);
        }

        int total = matches.size();
        int offset = p.offsetItems() == null ? 0 : Math.max(0, p.offsetItems());
        int max = p.maximumItems() == null || p.maximumItems() <= 0 ? Integer.MAX_VALUE : p.maximumItems();
        List<UniqueIdentifier> ids = new ArrayList<>();
        for (int i = offset; i < matches.size() && ids.size() < max; i++) {
            ids.add(UniqueIdentifier.of(matches.get(i).uniqueIdentifier()));
        }
        if (ids.size() == 1) {
            ctx.idPlaceholder(ids.get(0).toString());
        } else {
            ctx.clearIdPlaceholder();
        }
        boolean paged = p.maximumItems() != null || p.offsetItems() != null;
        Integer located = paged && ctx.version().atLeast(io.kmipstack.codec.registry.KmipVersion.V1_3) ? total : null;
        return new LocateResponsePayload(located, ids);
    }

    /** One non-equality condition on a candidate. */
    @FunctionalInterface
    private interface Check {
        boolean test(KmipObject o);
    }

    private static boolean all(List<Check> checks, KmipObject o) {
        for (Check c : checks) {
            if (!c.test(o)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inStorage(KmipObject o, int mask) {
        if (Lifecycle.isDestroyed(o.state())) {
            return (mask & StorageStatusMask.DESTROYED_STORAGE) != 0;
        }
        if (ObjectAccess.isArchived(o)) {
            return (mask & StorageStatusMask.ARCHIVAL_STORAGE) != 0;
        }
        return (mask & StorageStatusMask.ON_LINE_STORAGE) != 0;
    }
}
