package io.kmipstack.server.op;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.model.UsageLimits;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.AttributeDef;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What Re-key and Re-key Key Pair share (KMIP 1.4 sections 4.4 and 4.5, 2.1 sections 6.1.46 and
 * 6.1.47): the replacement takes the existing key's client-set attributes, its Names (which the
 * existing key loses), its Usage Limits Total, and its lifecycle dates, moved by the Offset when
 * one is given (Activation Date = Initial Date + Offset, the others keeping their distance to the
 * Activation Date, 1.4 table 172); the existing key links to its replacement and back.
 */
final class ReKeys {

    private static final int[] DATES = {Tag.ACTIVATION_DATE, Tag.PROCESS_START_DATE, Tag.PROTECT_STOP_DATE, Tag.DEACTIVATION_DATE};

    private ReKeys() {
    }

    /** Refuses an Offset together with explicit lifecycle dates (1.4 table 331: Invalid Message). */
    static void checkOffset(Long offset, List<KmipAttribute> requested) {
        if (offset == null) {
            return;
        }
        for (KmipAttribute a : requested) {
            for (int d : DATES) {
                if (!a.isVendor() && a.tag() == d) {
                    throw Failures.fail(ResultReason.INVALID_MESSAGE, "offset: given together with "
                            + AttributeKey.of(d).specName() + " (expected: one or the other)");
                }
            }
        }
    }

    /**
     * The attributes the replacement of {@code old} starts with, before the request's own:
     * everything a client could have set, with dates shifted by {@code offset}.
     */
    static List<KmipAttribute> inherited(RequestContext ctx, KmipObject old, Long offset) {
        List<KmipAttribute> out = new ArrayList<>();
        for (KmipAttribute a : old.attributes().list()) {
            AttributeKey key = AttributeKey.of(a);
            if (key.isVendor()) {
                out.add(KmipAttribute.of(a.item()));
                continue;
            }
            AttributeDef def = key.def();
            if (def == null || def.origin() != AttributeDef.Origin.CLIENT || isDate(a.tag())
                    || a.tag() == Tag.FRESH || a.tag() == Tag.ORIGINAL_CREATION_DATE || a.tag() == Tag.RANDOM_NUMBER_GENERATOR) {
                continue;
            }
            if (a.tag() == Tag.LINK) {
                LinkType t = Link.decode(a.item()).linkType();
                if (t.equals(LinkType.REPLACEMENT_OBJECT_LINK) || t.equals(LinkType.REPLACED_OBJECT_LINK)
                        || t.equals(LinkType.PUBLIC_KEY_LINK) || t.equals(LinkType.PRIVATE_KEY_LINK)) {
                    continue;
                }
            }
            if (a.tag() == Tag.USAGE_LIMITS) {
                UsageLimits u = UsageLimits.decode(a.item());
                out.add(KmipAttribute.of(new UsageLimits(u.usageLimitsTotal(), null, u.usageLimitsUnit())
                        .encode(Tag.USAGE_LIMITS, KmipVersion.V2_1)));
                continue;
            }
            out.add(KmipAttribute.of(a.item()));
        }
        Instant activation = old.attributes().date(Tag.ACTIVATION_DATE);
        if (offset == null) {
            for (int d : DATES) {
                Ttlv v = old.attributes().value(d);
                if (v != null) {
                    out.add(KmipAttribute.of(v));
                }
            }
        } else {
            if (activation == null) {
                throw Failures.fail(ctx.version().isV2() ? ResultReason.INVALID_FIELD : ResultReason.ILLEGAL_OPERATION,
                        "offset: the existing key " + old.uniqueIdentifier() + " has no Activation Date to compute dates from");
            }
            Instant newActivation = ObjectAccess.now(ctx).plusSeconds(offset);
            Duration shift = Duration.between(activation, newActivation);
            out.add(KmipAttribute.of(Ttlv.dateTime(Tag.ACTIVATION_DATE, newActivation)));
            for (int d : new int[] {Tag.PROCESS_START_DATE, Tag.PROTECT_STOP_DATE, Tag.DEACTIVATION_DATE}) {
                Instant t = old.attributes().date(d);
                if (t != null) {
                    out.add(KmipAttribute.of(Ttlv.dateTime(d, t.plus(shift))));
                }
            }
        }
        return out;
    }

    /** The old key's Names go to the replacement; the old key links to it. Writes the old key back. */
    static void retire(RequestContext ctx, KmipObject old, String replacement) {
        old.attributes().removeAll(Tag.NAME);
        old.attributes().add(link(LinkType.REPLACEMENT_OBJECT_LINK, replacement));
        if (old.attributes().has(Tag.USAGE_LIMITS)) {
            UsageLimits u = UsageLimits.decode(old.attributes().value(Tag.USAGE_LIMITS));
            old.attributes().set(new UsageLimits(u.usageLimitsTotal(), u.usageLimitsTotal(), u.usageLimitsUnit())
                    .encode(Tag.USAGE_LIMITS, KmipVersion.V2_1));
        }
        ObjectAccess.update(ctx, old);
    }

    static Ttlv link(LinkType type, String target) {
        return new Link(type, UniqueIdentifier.of(target)).encode(Tag.LINK, KmipVersion.V2_1);
    }

    /** {@code base} overlaid with the request's attributes (single-valued ones replace). */
    static List<KmipAttribute> overlay(List<KmipAttribute> base, List<KmipAttribute> requested) {
        return CreateKeyPairHandler.merge(base, requested);
    }

    private static boolean isDate(int tag) {
        for (int d : DATES) {
            if (d == tag) {
                return true;
            }
        }
        return false;
    }
}
