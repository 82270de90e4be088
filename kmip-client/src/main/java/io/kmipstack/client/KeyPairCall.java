package io.kmipstack.client;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A call that makes a key pair (Create Key Pair, Re-key Key Pair): attributes common to both keys,
 * and attributes of the private and of the public key, written as the three 1.x
 * Template-Attributes or 2.x Attributes structures.
 */
public abstract class KeyPairCall<S extends KeyPairCall<S, T, R>, T extends ResponsePayload, R> extends KmipCall<S, T, R> {

    final AttributeList common = new AttributeList();
    final AttributeList privateKey = new AttributeList();
    final AttributeList publicKey = new AttributeList();

    KeyPairCall(ClientCore core, Function<CompletableFuture<T>, R> finish) {
        super(core, finish);
    }

    /** An RSA key pair with a modulus of {@code bits} bits. */
    public S rsa(int bits) {
        return algorithm(CryptographicAlgorithm.RSA).length(bits);
    }

    public S algorithm(CryptographicAlgorithm algorithm) {
        common.set(KmipAttributes.cryptographicAlgorithm(algorithm));
        return self();
    }

    public S length(int bits) {
        common.set(KmipAttributes.cryptographicLength(bits));
        return self();
    }

    public S commonAttribute(KmipAttribute attribute) {
        common.add(attribute);
        return self();
    }

    public S privateName(String name) {
        privateKey.add(KmipAttributes.name(name));
        return self();
    }

    public S publicName(String name) {
        publicKey.add(KmipAttributes.name(name));
        return self();
    }

    /** The private key's usage mask, e.g. {@code privateUsage(SIGN)}. */
    public S privateUsage(int... masks) {
        privateKey.set(KmipAttributes.cryptographicUsageMask(or(masks)));
        return self();
    }

    /** The public key's usage mask, e.g. {@code publicUsage(VERIFY)}. */
    public S publicUsage(int... masks) {
        publicKey.set(KmipAttributes.cryptographicUsageMask(or(masks)));
        return self();
    }

    public S privateAttribute(KmipAttribute attribute) {
        privateKey.add(attribute);
        return self();
    }

    public S publicAttribute(KmipAttribute attribute) {
        publicKey.add(attribute);
        return self();
    }

    static int or(int... masks) {
        int m = 0;
        for (int bit : masks) {
            m |= bit;
        }
        return m;
    }

    static AttributeList copy(AttributeList list) {
        AttributeList c = new AttributeList();
        for (KmipAttribute a : list.items()) {
            c.add(a);
        }
        return c;
    }
}
