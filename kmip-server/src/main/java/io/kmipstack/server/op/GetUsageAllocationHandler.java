package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.model.UsageLimits;
import io.kmipstack.codec.payload.GetUsageAllocationRequestPayload;
import io.kmipstack.codec.payload.GetUsageAllocationResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KmipObject;

/**
 * Get Usage Allocation (KMIP 1.4 section 4.18, 2.1 section 6.1.23): takes {@code count} units
 * from the object's Usage Limits, lowering its Usage Limits Count, or refuses when fewer are
 * left (Permission Denied; 2.x Usage Limit Exceeded). An object without Usage Limits has nothing
 * to allocate from (Illegal Operation; 2.x Attribute Not Found).
 */
final class GetUsageAllocationHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        GetUsageAllocationRequestPayload p = (GetUsageAllocationRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        Ttlv value = o.attributes().value(Tag.USAGE_LIMITS);
        if (value == null) {
            throw Failures.fail(ctx.version().isV2() ? ResultReason.ATTRIBUTE_NOT_FOUND : ResultReason.ILLEGAL_OPERATION,
                    "object " + o.uniqueIdentifier() + ": no Usage Limits");
        }
        UsageLimits limits = UsageLimits.decode(value);
        long left = limits.usageLimitsCount() != null ? limits.usageLimitsCount() : limits.usageLimitsTotal();
        long asked = p.usageLimitsCount();
        if (asked <= 0 || asked > left) {
            throw Failures.fail(ctx.version().isV2() ? ResultReason.USAGE_LIMIT_EXCEEDED : ResultReason.PERMISSION_DENIED,
                    "object " + o.uniqueIdentifier() + ": usage limit " + left + " left (asked: " + asked + ")");
        }
        o.attributes().set(new UsageLimits(limits.usageLimitsTotal(), left - asked, limits.usageLimitsUnit())
                .encode(Tag.USAGE_LIMITS, KmipVersion.V2_1));
        ObjectAccess.update(ctx, o);
        return new GetUsageAllocationResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()));
    }
}
