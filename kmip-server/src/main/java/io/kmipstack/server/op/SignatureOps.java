package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.Certificate;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.crypto.CorrelationStates;
import io.kmipstack.server.crypto.SignatureEngine;
import io.kmipstack.server.crypto.Signatures;
import io.kmipstack.server.crypto.StreamingState;
import io.kmipstack.server.object.KeyFormats;
import io.kmipstack.server.object.KmipObject;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * What Sign and Signature Verify share: the key and its usage check (KMIP 2.1 section 4.57 via
 * {@link KeyUsage}), the scheme from the request's parameters over the key's, the single-part and
 * multi-part flow over {@link CorrelationStates} (Init Indicator opens a stream and answers its
 * Correlation Value; later parts present it; the Final Indicator ends it), the Usage Limits
 * allocation a signature takes, and the bound on input a stream may buffer.
 */
final class SignatureOps {

    /**
     * The most input one signature stream takes: pure EdDSA and pre-digested schemes hold the
     * whole message in memory until the final part (RFC 8032 signs the message twice over).
     */
    static final long MAX_STREAM_BYTES = 64L << 20;

    private SignatureOps() {
    }

    /** A part of a Sign or Signature Verify: the engine, the key's identifier, and whether it ends. */
    record Part(SignatureEngine engine, String keyId, boolean last, Bytes correlation) {
    }

    /**
     * The engine for this request: a new one (single-part or Init Indicator) or the stream's
     * (Correlation Value), fed with {@code input}. For a stream, the key is checked again at every
     * part: a key revoked or deactivated meanwhile ends the stream.
     */
    static Part part(RequestContext ctx, CorrelationStates streams, Operation op, UniqueIdentifier id,
            CryptographicParameters params, Bytes data, Bytes digested, Bytes correlation, Boolean init, Boolean fin) {
        boolean sign = Operation.SIGN.equals(op);
        int usage = sign ? CryptographicUsageMask.SIGN : CryptographicUsageMask.VERIFY;
        KeyUsage.Purpose purpose = sign ? KeyUsage.Purpose.PROTECT : KeyUsage.Purpose.PROCESS;
        if (correlation != null) {
            if (Boolean.TRUE.equals(init)) {
                throw Failures.invalidField("init indicator: true with a Correlation Value (expected: one or the other)");
            }
            StreamingState state = streams.take(correlation, op, ctx.identity(), ctx.version(), ObjectAccess.now(ctx));
            KmipObject key = KeyUsage.require(ctx, UniqueIdentifier.of(state.uniqueIdentifier()), usage, purpose);
            if (sign && data != null && CryptoKeys.limitsBytes(key)) {
                CryptoKeys.allocate(ctx, key, data.length());
            }
            SignatureEngine engine = state.engine(SignatureEngine.class);
            feed(engine, data, digested);
            boolean last = Boolean.TRUE.equals(fin);
            if (!last) {
                streams.resume(correlation, state, ObjectAccess.now(ctx));
            }
            return new Part(engine, state.uniqueIdentifier(), last, last ? null : correlation);
        }
        if (data != null && digested != null) {
            throw Failures.invalidField("data and digested data: both given (expected: one)");
        }
        boolean stream = Boolean.TRUE.equals(init) && !Boolean.TRUE.equals(fin);
        if (data == null && digested == null && !stream) {
            throw Failures.invalidField("data: missing (expected: Data or Digested Data for a single-part " + op.name() + ")");
        }
        KmipObject key = KeyUsage.require(ctx, id, usage, purpose);
        if (sign) {
            // 2.1 section 6.1.55: "the server SHALL obtain an allocation from the current Usage Limits value prior to
            // performing the signing operation" (one use, or the bytes of this part).
            Bytes in = digested != null ? digested : data;
            CryptoKeys.allocate(ctx, key, in == null ? 0 : in.length());
        }
        SignatureEngine engine;
        CryptographicParameters effective = CryptoParams.effective(key, params);
        if (sign) {
            if (!ObjectType.PRIVATE_KEY.equals(key.objectType())) {
                throw Failures.invalidObjectType(ctx, "object " + key.uniqueIdentifier() + ": " + key.objectType()
                        + " (expected: a Private Key to sign with)");
            }
            java.security.PrivateKey pk = KeyFormats.privateKey(CryptoKeys.plainBlock(ctx, key));
            engine = Signatures.signer(Signatures.scheme(pk, effective), pk, digested != null);
        } else {
            PublicKey pk = verifyingKey(ctx, key);
            engine = Signatures.verifier(Signatures.scheme(pk, effective), pk, digested != null);
        }
        feed(engine, data, digested);
        if (stream) {
            Bytes value = streams.open(new StreamingState(op, ctx.identity(), key.uniqueIdentifier(), engine), ObjectAccess.now(ctx));
            return new Part(engine, key.uniqueIdentifier(), false, value);
        }
        return new Part(engine, key.uniqueIdentifier(), true, null);
    }

    private static void feed(SignatureEngine engine, Bytes data, Bytes digested) {
        Bytes in = digested != null ? digested : data;
        if (in == null) {
            return;
        }
        if (engine.length() + in.length() > MAX_STREAM_BYTES) {
            throw Failures.fail(ResultReason.INVALID_FIELD, "signature input: " + (engine.length() + in.length())
                    + " bytes (expected: <= " + MAX_STREAM_BYTES + ")");
        }
        engine.update(in);
    }

    // A public key, or the subject public key of an X.509 certificate (Signature Verify, 2.1 section 6.1.56).
    private static PublicKey verifyingKey(RequestContext ctx, KmipObject key) {
        if (ObjectType.PUBLIC_KEY.equals(key.objectType())) {
            return KeyFormats.publicKey(CryptoKeys.plainBlock(ctx, key));
        }
        if (ObjectType.CERTIFICATE.equals(key.objectType()) && key.content() instanceof Certificate c) {
            try {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(c.certificateValue().toByteArray())).getPublicKey();
            } catch (CertificateException e) {
                throw new KmipException(ResultReason.INVALID_FIELD, "certificate " + key.uniqueIdentifier() + ": not X.509 DER");
            }
        }
        throw Failures.invalidObjectType(ctx, "object " + key.uniqueIdentifier() + ": " + key.objectType()
                + " (expected: a Public Key or Certificate to verify with)");
    }
}
