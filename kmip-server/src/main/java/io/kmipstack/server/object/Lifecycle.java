package io.kmipstack.server.object;

import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import java.time.Instant;

/**
 * The key lifecycle of KMIP 1.4 section 3.22 / KMIP 2.1 section 4.57: Pre-Active, Active,
 * Deactivated, Compromised, Destroyed, Destroyed Compromised. Two of its transitions happen by
 * the passing of time, not by an operation: Pre-Active becomes Active when the Activation Date is
 * reached, Active becomes Deactivated when the Deactivation Date is reached. The server has no
 * timer for them; {@link #advance} applies them whenever an object is read, against the time of
 * the request, so every operation sees the state the dates imply.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /**
     * Applies the date-driven transitions to {@code attributes} as of {@code now}; true if the
     * State changed. An object without a State (templates, 1.x) is left alone.
     */
    public static boolean advance(AttributeSet attributes, Instant now) {
        State state = attributes.state();
        if (state == null) {
            return false;
        }
        State next = state;
        Instant activation = attributes.date(Tag.ACTIVATION_DATE);
        if (next.equals(State.PRE_ACTIVE) && activation != null && !activation.isAfter(now)) {
            next = State.ACTIVE;
        }
        Instant deactivation = attributes.date(Tag.DEACTIVATION_DATE);
        if (next.equals(State.ACTIVE) && deactivation != null && !deactivation.isAfter(now)) {
            next = State.DEACTIVATED;
        }
        if (next.equals(state)) {
            return false;
        }
        attributes.set(Ttlv.enumeration(Tag.STATE, next.value()));
        return true;
    }

    /** True for Destroyed and Destroyed Compromised: the key material is gone. */
    public static boolean isDestroyed(State state) {
        return State.DESTROYED.equals(state) || State.DESTROYED_COMPROMISED.equals(state);
    }

    /** The state Destroy leads to, or null when Destroy is not permitted from {@code state}. */
    public static State afterDestroy(State state) {
        if (State.PRE_ACTIVE.equals(state) || State.DEACTIVATED.equals(state)) {
            return State.DESTROYED;
        }
        if (State.COMPROMISED.equals(state)) {
            return State.DESTROYED_COMPROMISED;
        }
        return null;
    }

    /**
     * The state a Revoke leads to, or null when it is not permitted from {@code state}. A
     * compromise (Key Compromise, CA Compromise) is permitted from every state but the two
     * compromised ones' own destruction; any other reason deactivates an Active object and leaves
     * a Deactivated one as it is.
     */
    public static State afterRevoke(State state, boolean compromise) {
        if (compromise) {
            if (State.DESTROYED.equals(state) || State.DESTROYED_COMPROMISED.equals(state)) {
                return State.DESTROYED_COMPROMISED;
            }
            return State.COMPROMISED;
        }
        if (State.ACTIVE.equals(state) || State.DEACTIVATED.equals(state)) {
            return State.DEACTIVATED;
        }
        return null;
    }
}
