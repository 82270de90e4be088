package io.kmipstack.server.op;

import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.server.object.KmipObject;

/**
 * Wraps a key for Get and Export when the request carries a Key Wrapping Specification (KMIP 1.4
 * section 2.1.6, 2.1 section 7.18). The cryptographic services supply the implementation;
 * {@link #unsupported()} is what the server answers until they do.
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

    /** Refuses every wrapping request with Feature Not Supported. */
    static KeyWrapping unsupported() {
        return (ctx, object, content, spec) -> {
            throw Failures.fail(ResultReason.FEATURE_NOT_SUPPORTED,
                    "key wrapping: not supported by this server (expected: no Key Wrapping Specification)");
        };
    }
}
