package io.kmipstack.server.op;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.AdjustAttributeRequestPayload;
import io.kmipstack.codec.payload.AdjustAttributeResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.AdjustmentType;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Adjust Attribute (KMIP 2.1 section 6.1.3; since 2.0): Increment or Decrement a numeric
 * attribute (Integer, Long Integer, Interval, Date-Time) by the Adjustment Value, or Negate a
 * Boolean or numeric one. An attribute without a value counts as 0 or false; one with several
 * instances is refused. A result outside the type's range answers Numeric Range.
 */
final class AdjustAttributeHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        AdjustAttributeRequestPayload p = (AdjustAttributeRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        AttributeKey key = AttributeKey.of(p.attributeReference());
        AttributeEdits.requireChangeable(ctx, o, key);
        List<KmipAttribute> have = o.attributes().all(key);
        if (have.size() > 1) {
            throw Failures.multiValued(ctx, key.specName(), have.size());
        }
        TagDef def = Registry.tag(key.tag());
        ItemType type = have.isEmpty() ? (def == null ? null : def.type()) : have.get(0).value().type();
        if (key.isVendor() && have.isEmpty()) {
            throw Failures.attributeNotFound(ctx, key.specName(), true);
        }
        Ttlv current = have.isEmpty() ? null : have.get(0).value();
        Ttlv adjusted = adjust(key.tag(), type, current, p.adjustmentType(), p.adjustmentValue(), key.specName());
        if (key.isVendor()) {
            // A vendor attribute's value sits inside its Attribute structure: replace just that child.
            Ttlv item = have.get(0).item();
            List<Ttlv> kids = new ArrayList<>();
            for (Ttlv c : item.children()) {
                kids.add(c.tag() == Tag.ATTRIBUTE_VALUE ? adjusted : c);
            }
            o.attributes().replace(have.get(0), Ttlv.structure(item.tag(), kids));
        } else if (have.isEmpty()) {
            o.attributes().add(adjusted);
        } else {
            o.attributes().replace(have.get(0), adjusted);
        }
        AttributeEdits.afterChange(ctx, o, key);
        ObjectAccess.update(ctx, o);
        return new AdjustAttributeResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()));
    }

    private static Ttlv adjust(int tag, ItemType type, Ttlv current, AdjustmentType how, Ttlv by, String name) {
        if (type == null) {
            throw Failures.fail(ResultReason.INVALID_DATA_TYPE, "attribute " + name + ": cannot be adjusted");
        }
        if (type == ItemType.BOOLEAN) {
            if (!AdjustmentType.NEGATE.equals(how)) {
                throw Failures.fail(ResultReason.INVALID_DATA_TYPE, "attribute " + name + ": Boolean (expected: Negate)");
            }
            return Ttlv.bool(current == null ? tag : current.tag(), current == null || !current.booleanValue());
        }
        long value = current == null ? 0 : current.longValue();
        long result;
        if (AdjustmentType.NEGATE.equals(how)) {
            result = -value;
        } else {
            if (by == null) {
                throw Failures.invalidField("adjust attribute " + name + ": no Adjustment Value (expected with " + how + ")");
            }
            long delta;
            try {
                delta = by.longValue();
            } catch (IllegalStateException e) {
                throw Failures.fail(ResultReason.INVALID_DATA_TYPE, "adjustment value: type " + by.type().xmlName()
                        + " (expected: a number)");
            }
            try {
                result = AdjustmentType.INCREMENT.equals(how) ? Math.addExact(value, delta) : Math.subtractExact(value, delta);
            } catch (ArithmeticException e) {
                throw Failures.fail(ResultReason.NUMERIC_RANGE, "attribute " + name + ": adjusted value out of range");
            }
        }
        int t = current == null ? tag : current.tag();
        return switch (type) {
            case INTEGER -> {
                if (result < Integer.MIN_VALUE || result > Integer.MAX_VALUE) {
                    throw Failures.fail(ResultReason.NUMERIC_RANGE, "attribute " + name + ": " + result + " (expected: a 32-bit Integer)");
                }
                yield Ttlv.integer(t, (int) result);
            }
            case LONG_INTEGER -> Ttlv.longInteger(t, result);
            case INTERVAL -> {
                if (result < 0 || result > 0xFFFF_FFFFL) {
                    throw Failures.fail(ResultReason.NUMERIC_RANGE, "attribute " + name + ": " + result + " (expected: 0 to 4294967295)");
                }
                yield Ttlv.interval(t, result);
            }
            case DATE_TIME -> Ttlv.dateTime(t, result);
            default -> throw Failures.fail(ResultReason.INVALID_DATA_TYPE, "attribute " + name + ": type " + type.xmlName()
                    + " (expected: Integer, LongInteger, Interval, DateTime or Boolean)");
        };
    }
}
