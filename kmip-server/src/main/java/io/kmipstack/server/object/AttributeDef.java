package io.kmipstack.server.object;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.TagDef;
import java.util.Objects;

/**
 * The rules of one standard attribute, as the attribute rule tables of KMIP 1.4 section 3 and
 * KMIP 2.1 section 4 state them: whether several instances may exist, who sets it when an object
 * is created or registered, whether and when a client may change or delete it, and the protocol
 * versions in which it is an attribute at all. {@code since}/{@code until} are the attribute's
 * own range, which can be narrower than its tag's: the Key Format Type tag exists in 1.0, the
 * Key Format Type attribute only from 2.0.
 */
public record AttributeDef(
        int tag,
        boolean multiValued,
        Origin origin,
        Change clientChange,
        boolean clientDeletable,
        KmipVersion since,
        KmipVersion until) {

    /** Who gives the attribute its first value. */
    public enum Origin {
        /** The client may set it in the request that creates or registers the object. */
        CLIENT,
        /**
         * The server derives it from the object (Object Type, Cryptographic Algorithm, ...); a
         * client may state it when creating or registering, and then it must agree.
         */
        DERIVED,
        /** Only the server sets it; a client that sends it is refused (read-only). */
        SERVER
    }

    /** When a client may add, modify or set the attribute. */
    public enum Change {
        NEVER,
        ALWAYS,
        /** Only while the object is Pre-Active (Activation Date). */
        PRE_ACTIVE,
        /** Only while Pre-Active or Active (Deactivation, Process Start, Protect Stop Date). */
        PRE_ACTIVE_OR_ACTIVE
    }

    public AttributeDef {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(clientChange, "clientChange");
        Objects.requireNonNull(since, "since");
    }

    /** The spec name a 1.x client uses ({@code "Cryptographic Algorithm"}). */
    public String specName() {
        TagDef def = Registry.tag(tag);
        return def != null ? def.specName() : Registry.tagName(tag);
    }

    /** True when {@code version} defines this attribute (both the attribute and its tag). */
    public boolean definedIn(KmipVersion version) {
        if (version.compareTo(since) < 0 || (until != null && version.compareTo(until) > 0)) {
            return false;
        }
        TagDef def = Registry.tag(tag);
        return def == null || def.definedIn(version);
    }

    /** True when no client request may ever change it (the "read-only" attributes). */
    public boolean readOnly() {
        return clientChange == Change.NEVER;
    }
}
