package io.kmipstack.ckms;

import java.util.Objects;

/**
 * A KEK rotation that took place: the key that wrapped new blobs before, the one that does now,
 * and how the server got there. The previous key stays Active until the blobs under it are
 * rewrapped ({@link WrappingKms#rewrap}) and it is retired ({@link WrappingKms#retireKek}).
 */
public record KekRotation(String previousKekId, String newKekId, Method method) {

    /** How a rotation is done; configured with {@code rotate=auto|rekey|move} (auto: Re-key, else the other). */
    public enum Method {
        /** KMIP Re-key: the server makes the replacement and moves the Name to it. */
        REKEY,
        /** Create a new key under a staging Name, activate it, move the Name (for servers without Re-key). */
        CREATE_AND_MOVE
    }

    public KekRotation {
        Objects.requireNonNull(previousKekId, "previousKekId");
        Objects.requireNonNull(newKekId, "newKekId");
        Objects.requireNonNull(method, "method");
    }
}
