package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.object.Lifecycle;
import java.time.Instant;

/**
 * Whether an object may serve as the key of a cryptographic operation now, for the cryptographic
 * services (Encrypt, Sign, MAC, key wrapping, ...). KMIP 2.1 section 4.57 with the dates of
 * sections 4.40 and 4.41: applying protection (encrypt, sign, wrap, MAC, derive) needs an Active
 * key before its Protect Stop Date; processing protected data (decrypt, verify, unwrap) is also
 * allowed with a Deactivated or Compromised key, from its Process Start Date on. The key's
 * Cryptographic Usage Mask must have every bit the operation needs.
 */
public final class KeyUsage {

    private KeyUsage() {
    }

    /** What an operation does with the key. */
    public enum Purpose {
        /** Encrypt, Sign, MAC, wrap, derive: creates protection. */
        PROTECT,
        /** Decrypt, Signature Verify, MAC Verify, unwrap: checks or removes protection. */
        PROCESS
    }

    /**
     * The object {@code id} names (the ID Placeholder when null), checked for use with
     * {@code usage} bits ({@link CryptographicUsageMask}) for {@code purpose} at the request time.
     *
     * @throws io.kmipstack.codec.KmipException not found, Object Archived, Object Destroyed (1.x
     *     Illegal Operation), Wrong Key Lifecycle State (1.x Permission Denied), or Incompatible
     *     Cryptographic Usage Mask (1.x Permission Denied)
     */
    public static KmipObject require(RequestContext ctx, UniqueIdentifier id, int usage, Purpose purpose) {
        KmipObject o = ObjectAccess.loadOnline(ctx, id);
        State state = o.state();
        if (Lifecycle.isDestroyed(state) || !o.hasContent()) {
            throw Failures.destroyed(ctx, o.uniqueIdentifier(), state);
        }
        Instant now = ObjectAccess.now(ctx);
        if (purpose == Purpose.PROTECT) {
            if (!State.ACTIVE.equals(state)) {
                throw Failures.wrongState(ctx, o.uniqueIdentifier(), state, "Active, to apply protection");
            }
            Instant stop = o.attributes().date(Tag.PROTECT_STOP_DATE);
            if (stop != null && !now.isBefore(stop)) {
                throw Failures.wrongState(ctx, o.uniqueIdentifier(), state, "before its Protect Stop Date " + stop);
            }
        } else {
            if (!State.ACTIVE.equals(state) && !State.DEACTIVATED.equals(state) && !State.COMPROMISED.equals(state)) {
                throw Failures.wrongState(ctx, o.uniqueIdentifier(), state, "Active, Deactivated or Compromised");
            }
            Instant start = o.attributes().date(Tag.PROCESS_START_DATE);
            if (start != null && now.isBefore(start)) {
                throw Failures.wrongState(ctx, o.uniqueIdentifier(), state, "from its Process Start Date " + start);
            }
        }
        Integer mask = o.attributes().integer(Tag.CRYPTOGRAPHIC_USAGE_MASK);
        if (mask == null || (mask & usage) != usage) {
            throw Failures.incompatibleUsageMask(ctx, "object " + o.uniqueIdentifier() + ": usage mask "
                    + CryptographicUsageMask.format(mask == null ? 0 : mask) + " (expected: to include "
                    + CryptographicUsageMask.format(usage) + ")");
        }
        return o;
    }
}
