package io.kmipstack.client;

import io.kmipstack.codec.model.EncryptionKeyInformation;
import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ExportRequestPayload;
import io.kmipstack.codec.payload.ExportResponsePayload;
import io.kmipstack.codec.registry.KeyCompressionType;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KeyWrapType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.WrappingMethod;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Export (KMIP 1.4 section 4.40, 2.1 section 6.1.18; since 1.4): the object with its attributes,
 * optionally in a given Key Format Type or wrapped under another key.
 */
public final class ExportCall<R> extends KmipCall<ExportCall<R>, ExportResponsePayload, R> {

    private String id;
    private KeyFormatType keyFormatType;
    private KeyWrapType keyWrapType;
    private KeyCompressionType keyCompressionType;
    private KeyWrappingSpecification wrapping;

    ExportCall(ClientCore core, Function<CompletableFuture<ExportResponsePayload>, R> finish) {
        super(core, finish);
    }

    public ExportCall<R> id(String id) {
        this.id = id;
        return this;
    }

    /** The Key Format Type to return the key in, e.g. {@code TRANSPARENT_RSA_PUBLIC_KEY}. */
    public ExportCall<R> keyFormat(KeyFormatType format) {
        this.keyFormatType = format;
        return this;
    }

    /** Key Wrap Type (KMIP 1.4 and later): Not Wrapped or As Registered. */
    public ExportCall<R> keyWrapType(KeyWrapType type) {
        this.keyWrapType = type;
        return this;
    }

    public ExportCall<R> keyCompression(KeyCompressionType type) {
        this.keyCompressionType = type;
        return this;
    }

    public ExportCall<R> wrapping(KeyWrappingSpecification specification) {
        this.wrapping = specification;
        return this;
    }

    /** Wraps the key by encryption under the key {@code wrappingKeyId}, with the server's default parameters. */
    public ExportCall<R> wrapWith(String wrappingKeyId) {
        return wrapping(new KeyWrappingSpecification(WrappingMethod.ENCRYPT,
                EncryptionKeyInformation.of(UniqueIdentifier.of(wrappingKeyId)), null, List.of(), null));
    }

    @Override
    public KmipRequest<ExportResponsePayload> request() {
        ExportRequestPayload p = new ExportRequestPayload(Ids.of(id), keyFormatType, keyWrapType, keyCompressionType, wrapping);
        return new KmipRequest<>(Operation.EXPORT, v -> p, ExportResponsePayload.class, false);
    }
}
