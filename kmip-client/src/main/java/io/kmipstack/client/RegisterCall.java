package io.kmipstack.client;

import io.kmipstack.client.jca.KmipObjects;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.payload.RegisterRequestPayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.OpaqueDataType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.ttlv.Bytes;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Register (KMIP 1.4 section 4.3, 2.1 section 6.1.43): stores an object the client supplies,
 * as a codec {@link ManagedObject} or from JCA keys and certificates (converted by
 * {@link KmipObjects}). The Object Type is taken from the object.
 */
public final class RegisterCall<R> extends AttributeCall<RegisterCall<R>, RegisterResponsePayload, R> {

    private ManagedObject object;

    RegisterCall(ClientCore core, Function<CompletableFuture<RegisterResponsePayload>, R> finish) {
        super(core, finish);
    }

    public RegisterCall<R> object(ManagedObject object) {
        this.object = Objects.requireNonNull(object, "object");
        return this;
    }

    /**
     * A JCA key: a {@code SecretKey} (Raw, with algorithm and length), a {@code PublicKey}
     * (X.509 SubjectPublicKeyInfo) or a {@code PrivateKey} (PKCS#8).
     */
    public RegisterCall<R> key(Key key) {
        return object(KmipObjects.fromKey(key));
    }

    public RegisterCall<R> certificate(X509Certificate certificate) {
        return object(KmipObjects.fromCertificate(certificate));
    }

    /** Secret Data (a password, a seed, ...) in Opaque key format. */
    public RegisterCall<R> secretData(SecretDataType type, Bytes data) {
        return object(KmipObjects.secretData(type, data));
    }

    public RegisterCall<R> opaque(OpaqueDataType type, Bytes data) {
        return object(KmipObjects.opaque(type, data));
    }

    @Override
    public KmipRequest<RegisterResponsePayload> request() {
        if (object == null) {
            throw new IllegalStateException("register: no object (expected: object(...), key(...), certificate(...) or secretData(...))");
        }
        ManagedObject o = object;
        ObjectType type = KmipObjects.objectType(o);
        AttributeList attrs = snapshot();
        return new KmipRequest<>(Operation.REGISTER,
                v -> new RegisterRequestPayload(type, attrs.template(v, true), attrs.attributes(v, true), o, null),
                RegisterResponsePayload.class, false);
    }
}
