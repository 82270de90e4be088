package io.kmipstack.server.op;

import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.server.object.KmipObject;

/**
 * Wraps a key for Get and Export when the request carries a Key Wrapping Specification (KMIP 1.4
 * section 2.1.6, 2.1 section 7.18), and unwraps a key stored wrapped when Get, Export or Import
 * ask for it Not Wrapped (Key Wrap Type, 1.4 sections 4.11 and 4.41). {@link #standard()} is the
 * server's implementation; {@link #unsupported()} refuses both.
 */
@FunctionalInterface
public interface KeyWrapping {

    /**
     * {@code content} (the object's content, already in the requested key format) wrapped as
     * {@code specification} says, for {@code object}.
     *
     * @throws io.kmipstack.codec.KmipException with the precise reason (wrapping key not found,
     *     incompatible usage mask, ...)
     */
    ManagedObject wrap(RequestContext ctx, KmipObject object, ManagedObject content, KeyWrappingSpecification specification);

    /**
     * {@code content}, whose key block carries Key Wrapping Data, unwrapped with the key that data
     * names; content without Key Wrapping Data is returned as it is.
     *
     * @throws io.kmipstack.codec.KmipException with the precise reason (unwrapping key not found,
     *     incompatible usage mask, the value does not verify, ...)
     */
    default ManagedObject unwrap(RequestContext ctx, ManagedObject content) {
        throw Failures.fail(ResultReason.FEATURE_NOT_SUPPORTED,
                "key unwrapping: not supported by this server (expected: Key Wrap Type AsRegistered)");
    }

    /**
     * Wrapping and unwrapping with the server's keys: Encrypt, MAC/sign and their combinations,
     * No Encoding and TTLV Encoding, bound attributes (see {@code DefaultKeyWrapping}).
     */
    static KeyWrapping standard() {
        return DefaultKeyWrapping.INSTANCE;
    }

    /** Refuses every wrapping request with Feature Not Supported. */
    static KeyWrapping unsupported() {
        return (ctx, object, content, spec) -> {
            throw Failures.fail(ResultReason.FEATURE_NOT_SUPPORTED,
                    "key wrapping: not supported by this server (expected: no Key Wrapping Specification)");
        };
    }
}
