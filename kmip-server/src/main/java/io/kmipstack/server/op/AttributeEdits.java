package io.kmipstack.server.op;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Name;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.AttributeDef;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.object.Lifecycle;
import java.util.List;

/**
 * The rules every client change of an attribute follows (Add, Set, Modify, Delete, Adjust
 * Attribute): which attributes a client may change and in which lifecycle state (the "Modifiable
 * by client" and "Deletable by client" rows of each attribute's rule table), and what the server
 * maintains after a change: the State when an Activation or Deactivation Date moves into the
 * past, Always Sensitive and Never Extractable when Sensitive or Extractable change, unique
 * Names. Custom attributes are the client's (1.4 section 3.39), except the server's own
 * {@code y-} ones.
 */
final class AttributeEdits {

    private AttributeEdits() {
    }

    /** The single item a 2.x New Attribute / Current Attribute carries. */
    static KmipAttribute single(RequestContext ctx, List<Ttlv> items, String field) {
        if (items.size() != 1) {
            throw Failures.invalidField(field + ": " + items.size() + " items (expected: exactly one attribute)");
        }
        return RequestAttributes.of(ctx, items.get(0));
    }

    /**
     * Refuses a client change of {@code key} on {@code o}: read-only attributes always, others
     * outside the states their rules allow.
     */
    static void requireChangeable(RequestContext ctx, KmipObject o, AttributeKey key) {
        if (key.isVendor()) {
            if ("y".equals(key.vendor())) {
                throw Failures.readOnly(ctx, key.specName());
            }
            return;
        }
        AttributeDef def = requireDefined(ctx, key);
        State state = o.state();
        switch (def.clientChange()) {
            case NEVER -> throw Failures.readOnly(ctx, def.specName());
            case PRE_ACTIVE -> {
                if (state != null && !State.PRE_ACTIVE.equals(state)) {
                    throw Failures.wrongState(ctx, o.uniqueIdentifier(), state, "PreActive, to change " + def.specName());
                }
            }
            case PRE_ACTIVE_OR_ACTIVE -> {
                if (state != null && !State.PRE_ACTIVE.equals(state) && !State.ACTIVE.equals(state)) {
                    throw Failures.wrongState(ctx, o.uniqueIdentifier(), state, "PreActive or Active, to change " + def.specName());
                }
            }
            default -> {
            }
        }
    }

    /** Refuses a client deletion of {@code key}. */
    static void requireDeletable(RequestContext ctx, KmipObject o, AttributeKey key) {
        if (key.isVendor()) {
            if ("y".equals(key.vendor())) {
                throw Failures.readOnly(ctx, key.specName());
            }
            return;
        }
        AttributeDef def = requireDefined(ctx, key);
        if (def.readOnly()) {
            throw Failures.readOnly(ctx, def.specName());
        }
        if (!def.clientDeletable()) {
            throw Failures.notDeletable(ctx, def.specName());
        }
    }

    static AttributeDef requireDefined(RequestContext ctx, AttributeKey key) {
        AttributeDef def = key.def();
        if (def == null || !def.definedIn(ctx.version())) {
            throw Failures.invalidAttribute(ctx, "attribute " + key + ": not an attribute in KMIP " + ctx.version());
        }
        return def;
    }

    static boolean multiValued(AttributeKey key) {
        return key.isVendor() || key.def().multiValued();
    }

    /** Checks a Name about to be given to {@code o}: not already its own, nor another live object's. */
    static void requireNewName(RequestContext ctx, KmipObject o, KmipAttribute a, KmipAttribute replacing) {
        if (a.tag() != Tag.NAME) {
            return;
        }
        if (o.attributes().instance(AttributeKey.of(Tag.NAME), a.item()) != null
                && (replacing == null || !replacing.item().equals(a.item()))) {
            throw Failures.nonUniqueName(ctx, Name.decode(a.item()).nameValue(), false);
        }
        NewObjects.requireUniqueName(ctx, a.item(), o.uniqueIdentifier(), false);
    }

    /** What the server maintains after a client changed {@code key}. */
    static void afterChange(RequestContext ctx, KmipObject o, AttributeKey key) {
        if (key.isVendor()) {
            return;
        }
        switch (key.tag()) {
            case Tag.ACTIVATION_DATE, Tag.DEACTIVATION_DATE -> Lifecycle.advance(o.attributes(), ObjectAccess.now(ctx));
            case Tag.SENSITIVE -> {
                if (!o.attributes().bool(Tag.SENSITIVE, false)) {
                    o.attributes().set(Ttlv.bool(Tag.ALWAYS_SENSITIVE, false));
                }
            }
            case Tag.EXTRACTABLE -> {
                if (o.attributes().bool(Tag.EXTRACTABLE, true)) {
                    o.attributes().set(Ttlv.bool(Tag.NEVER_EXTRACTABLE, false));
                }
            }
            default -> {
            }
        }
    }
}
