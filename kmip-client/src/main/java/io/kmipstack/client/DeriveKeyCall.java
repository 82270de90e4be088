package io.kmipstack.client;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.DerivationParameters;
import io.kmipstack.codec.payload.DeriveKeyRequestPayload;
import io.kmipstack.codec.payload.DeriveKeyResponsePayload;
import io.kmipstack.codec.registry.DerivationMethod;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Derive Key (KMIP 1.4 section 4.6, 2.1 section 6.1.14): a new key or secret data derived from
 * existing objects with a Derivation Method and its parameters.
 */
public final class DeriveKeyCall<R> extends AttributeCall<DeriveKeyCall<R>, DeriveKeyResponsePayload, R> {

    private ObjectType objectType = ObjectType.SYMMETRIC_KEY;
    private final List<UniqueIdentifier> from = new ArrayList<>();
    private DerivationMethod method;
    private DerivationParameters parameters;

    DeriveKeyCall(ClientCore core, Function<CompletableFuture<DeriveKeyResponsePayload>, R> finish) {
        super(core, finish);
    }

    public DeriveKeyCall<R> objectType(ObjectType type) {
        this.objectType = Objects.requireNonNull(type, "type");
        return this;
    }

    /** The objects to derive from, in order. */
    public DeriveKeyCall<R> from(String... ids) {
        for (String id : ids) {
            from.add(UniqueIdentifier.of(id));
        }
        return this;
    }

    public DeriveKeyCall<R> method(DerivationMethod method) {
        this.method = Objects.requireNonNull(method, "method");
        return this;
    }

    public DeriveKeyCall<R> parameters(DerivationParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        return this;
    }

    @Override
    public KmipRequest<DeriveKeyResponsePayload> request() {
        if (from.isEmpty() || method == null || parameters == null) {
            throw new IllegalStateException("derive key: from(...), method(...) and parameters(...) are required");
        }
        ObjectType t = objectType;
        List<UniqueIdentifier> ids = List.copyOf(from);
        DerivationMethod m = method;
        DerivationParameters p = parameters;
        AttributeList attrs = snapshot();
        return new KmipRequest<>(Operation.DERIVE_KEY,
                v -> new DeriveKeyRequestPayload(t, ids, m, p, attrs.template(v, true), attrs.attributes(v, true)),
                DeriveKeyResponsePayload.class, false);
    }
}
