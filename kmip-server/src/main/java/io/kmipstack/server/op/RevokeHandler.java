package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.payload.RevokeResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.object.Lifecycle;
import java.time.Instant;

/**
 * Revoke (KMIP 1.4 section 4.20, 2.1 section 6.1.44). Key Compromise and CA Compromise make the
 * object Compromised (Destroyed Compromised if already destroyed), set the Compromise Date to now
 * and the Compromise Occurrence Date to the one given, else to the Initial Date. Any other reason
 * deactivates an Active object (Deactivation Date now) and leaves a Deactivated one so; a
 * Pre-Active object cannot be revoked for such a reason (no such transition in 1.4 section 3.22).
 */
final class RevokeHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        RevokeRequestPayload p = (RevokeRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        State state = o.state();
        if (state == null) {
            throw Failures.invalidObjectType(ctx, "object " + o.uniqueIdentifier() + ": a " + o.objectType()
                    + " cannot be revoked (expected: a cryptographic object)");
        }
        RevocationReasonCode code = p.revocationReason().revocationReasonCode();
        if (!code.isKnown()) {
            throw Failures.invalidField("revocation reason code: " + code + " (expected: a code of the Revocation Reason Code enumeration)");
        }
        boolean compromise = code.equals(RevocationReasonCode.KEY_COMPROMISE) || code.equals(RevocationReasonCode.CA_COMPROMISE);
        if (!compromise && p.compromiseOccurrenceDate() != null) {
            throw Failures.invalidField("compromise occurrence date: given with reason " + code
                    + " (expected: only with KeyCompromise or CACompromise)");
        }
        State next = Lifecycle.afterRevoke(state, compromise);
        if (next == null) {
            throw Failures.wrongState(ctx, o.uniqueIdentifier(), state, compromise ? "not destroyed" : "Active or Deactivated");
        }
        Instant now = ObjectAccess.now(ctx);
        if (compromise) {
            o.attributes().set(Ttlv.dateTime(Tag.COMPROMISE_DATE, now));
            Instant occurred = p.compromiseOccurrenceDate() != null ? p.compromiseOccurrenceDate()
                    : o.attributes().date(Tag.INITIAL_DATE);
            if (occurred != null) {
                o.attributes().set(Ttlv.dateTime(Tag.COMPROMISE_OCCURRENCE_DATE, occurred));
            }
        } else if (State.ACTIVE.equals(state)) {
            o.attributes().set(Ttlv.dateTime(Tag.DEACTIVATION_DATE, now));
        }
        o.attributes().set(p.revocationReason().encode(Tag.REVOCATION_REASON, KmipVersion.V2_1));
        o.attributes().set(Ttlv.enumeration(Tag.STATE, next.value()));
        ObjectAccess.update(ctx, o);
        return new RevokeResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()));
    }
}
