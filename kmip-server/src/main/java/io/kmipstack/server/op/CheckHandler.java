package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.model.UsageLimits;
import io.kmipstack.codec.payload.CheckRequestPayload;
import io.kmipstack.codec.payload.CheckResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KmipObject;

/**
 * Check (KMIP 1.4 section 4.10, 2.1 section 6.1.7): would the object allow the given use? Its
 * Cryptographic Usage Mask must have every bit asked for (Incompatible Cryptographic Usage Mask;
 * 1.x Permission Denied), its Usage Limits must cover the count asked for (Usage Limit Exceeded),
 * and the lease asked for must not exceed its Lease Time. A failed check also empties the ID
 * Placeholder (1.4 section 4.10). The failure answer names the value that failed in its message;
 * the handler contract has no failed-with-payload form.
 */
final class CheckHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        CheckRequestPayload p = (CheckRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        try {
            if (p.cryptographicUsageMask() != null) {
                Integer mask = o.attributes().integer(Tag.CRYPTOGRAPHIC_USAGE_MASK);
                int want = p.cryptographicUsageMask();
                if (mask == null || (mask & want) != want) {
                    throw Failures.incompatibleUsageMask(ctx, "object " + o.uniqueIdentifier() + ": usage mask "
                            + CryptographicUsageMask.format(mask == null ? 0 : mask) + " (expected: to include "
                            + CryptographicUsageMask.format(want) + ")");
                }
            }
            if (p.usageLimitsCount() != null) {
                Ttlv limits = o.attributes().value(Tag.USAGE_LIMITS);
                if (limits != null) {
                    UsageLimits u = UsageLimits.decode(limits);
                    long left = u.usageLimitsCount() != null ? u.usageLimitsCount() : u.usageLimitsTotal();
                    if (p.usageLimitsCount() > left) {
                        throw Failures.fail(ctx.version().isV2() ? ResultReason.USAGE_LIMIT_EXCEEDED : ResultReason.PERMISSION_DENIED,
                                "object " + o.uniqueIdentifier() + ": usage limit " + left + " left (asked: " + p.usageLimitsCount() + ")");
                    }
                }
            }
            if (p.leaseTime() != null) {
                Ttlv lease = o.attributes().value(Tag.LEASE_TIME);
                if (lease != null && p.leaseTime() > lease.longValue()) {
                    throw Failures.fail(ResultReason.PERMISSION_DENIED, "object " + o.uniqueIdentifier() + ": lease time "
                            + lease.longValue() + " s (asked: " + p.leaseTime() + " s)");
                }
            }
        } catch (RuntimeException e) {
            ctx.clearIdPlaceholder();
            throw e;
        }
        return new CheckResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()), null, null, null);
    }
}
