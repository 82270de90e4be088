package io.kmipstack.server.crypto;

import io.kmipstack.codec.registry.Operation;
import java.util.Objects;

/**
 * One multi-part ("streaming") cryptographic operation between its Init Indicator and its Final
 * Indicator (KMIP 1.4 section 2.1.15 and 4.29-4.37, 2.1 section 6.1.17 and its siblings): which
 * operation it is, who opened it, the managed object it works with (null for Hash, which has no
 * key), and the engine that carries the work so far (a {@link CipherStream}, a {@link MacStream},
 * a {@link java.security.MessageDigest}, a {@link java.security.Signature}, ...). The engine holds
 * key material; a state never leaves the server process and is never logged.
 */
public record StreamingState(Operation operation, String identity, String uniqueIdentifier, Object engine) {

    public StreamingState {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(engine, "engine");
    }

    /** The engine as {@code type}. */
    public <T> T engine(Class<T> type) {
        return type.cast(engine);
    }

    @Override
    public String toString() {
        return "StreamingState[" + operation + ", " + identity + ", " + uniqueIdentifier + ", "
                + engine.getClass().getSimpleName() + "]";
    }
}
