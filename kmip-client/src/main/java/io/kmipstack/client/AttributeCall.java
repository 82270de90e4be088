package io.kmipstack.client;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A call that carries the attributes of the object it makes or changes (Create, Register,
 * Re-key, Derive Key, Import): set once here, written as a 1.x Template-Attribute or 2.x
 * Attributes for the negotiated version.
 */
public abstract class AttributeCall<S extends AttributeCall<S, T, R>, T extends ResponsePayload, R> extends KmipCall<S, T, R> {

    AttributeList attributes = new AttributeList();

    AttributeCall(ClientCore core, Function<CompletableFuture<T>, R> finish) {
        super(core, finish);
    }

    public S algorithm(CryptographicAlgorithm algorithm) {
        attributes.set(KmipAttributes.cryptographicAlgorithm(algorithm));
        return self();
    }

    /** Cryptographic Length in bits. */
    public S length(int bits) {
        attributes.set(KmipAttributes.cryptographicLength(bits));
        return self();
    }

    /** Adds a Name; an object may have several. */
    public S name(String name) {
        attributes.add(KmipAttributes.name(name));
        return self();
    }

    /** Cryptographic Usage Mask: the OR of {@code CryptographicUsageMask} bits, e.g. {@code usage(ENCRYPT, DECRYPT)}. */
    public S usage(int... masks) {
        int m = 0;
        for (int bit : masks) {
            m |= bit;
        }
        attributes.set(KmipAttributes.cryptographicUsageMask(m));
        return self();
    }

    /** Adds any attribute (see {@link KmipAttributes}). */
    public S attribute(KmipAttribute attribute) {
        attributes.add(attribute);
        return self();
    }

    /** The attributes as they stand, copied so that later setters do not change a built request. */
    final AttributeList snapshot() {
        AttributeList copy = new AttributeList();
        for (KmipAttribute a : attributes.items()) {
            copy.add(a);
        }
        return copy;
    }
}
