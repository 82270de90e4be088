package io.kmipstack.server.op;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ValidityIndicator;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.crypto.CipherSpec;
import io.kmipstack.server.crypto.CorrelationStates;
import io.kmipstack.server.crypto.MacStream;
import io.kmipstack.server.crypto.Macs;
import io.kmipstack.server.crypto.StreamingState;
import io.kmipstack.server.object.KmipObject;
import java.time.Instant;
import java.util.Arrays;

/**
 * The work MAC and MAC Verify share (KMIP 1.4 sections 4.33-4.34, 2.1 sections 6.1.32-6.1.33):
 * the key checked by {@link KeyUsage} (MAC: an Active key with MAC Generate, before its Protect
 * Stop Date; MAC Verify: MAC Verify, also Deactivated or Compromised, from its Process Start
 * Date), a Symmetric Key or Secret Data, the algorithm from the request's Cryptographic Parameters
 * completed by the key's attribute ({@link Macs}), and single- or multi-part execution as for
 * Encrypt ({@link CipherCalls}). MAC Verify takes the MAC Data with the final part (or the first,
 * if the client sends it there) and answers a Validity Indicator; the comparison is constant-time.
 */
final class MacCalls {

    /** The request fields of MAC and MAC Verify ({@code macData} null for MAC). */
    record Call(UniqueIdentifier uniqueIdentifier, CryptographicParameters parameters, Bytes data, Bytes macData,
            Bytes correlationValue, Boolean init, Boolean fin) {
    }

    /** The answer: the key, the MAC (MAC) or the verdict (MAC Verify), the Correlation Value while a stream is open. */
    record Outcome(String uniqueIdentifier, Bytes mac, ValidityIndicator validity, Bytes correlationValue) {
    }

    /** A MAC Verify stream: the MAC so far and the MAC Data if the first part brought it. */
    private record Verifying(MacStream mac, Bytes presented) {
    }

    private final CorrelationStates streams;
    private final boolean verify;
    private final Operation operation;

    MacCalls(CorrelationStates streams, boolean verify) {
        this.streams = streams;
        this.verify = verify;
        this.operation = verify ? Operation.MAC_VERIFY : Operation.MAC;
    }

    private KmipObject key(RequestContext ctx, UniqueIdentifier id) {
        return KeyUsage.require(ctx, id, verify ? CryptographicUsageMask.MAC_VERIFY : CryptographicUsageMask.MAC_GENERATE,
                verify ? KeyUsage.Purpose.PROCESS : KeyUsage.Purpose.PROTECT);
    }

    Outcome run(RequestContext ctx, Call c) {
        Instant now = ctx.clock().instant();
        if (c.correlationValue() != null) {
            return next(ctx, c, now);
        }
        KmipObject o = key(ctx, c.uniqueIdentifier());
        CryptographicParameters params = CipherSpec.merge(c.parameters(), CryptoKeys.parameters(o));
        CryptographicAlgorithm algorithm = params != null && params.cryptographicAlgorithm() != null
                ? params.cryptographicAlgorithm() : CryptoKeys.algorithm(o);
        byte[] key = CryptoKeys.secret(ctx, o, verify ? "MAC Verify" : "MAC", true);
        MacStream mac;
        try {
            mac = Macs.start(algorithm, params == null ? null : params.blockCipherMode(), key, ctx.version());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        if (c.data() != null) {
            mac.update(c.data().toByteArray());
        }
        if (Boolean.TRUE.equals(c.init()) && !Boolean.TRUE.equals(c.fin())) {
            Object engine = verify ? new Verifying(mac, c.macData()) : mac;
            Bytes cv = streams.open(new StreamingState(operation, ctx.identity(), o.uniqueIdentifier(), engine), now);
            return new Outcome(o.uniqueIdentifier(), null, null, cv);
        }
        if (c.data() == null) {
            throw Failures.invalidField((verify ? "MAC Verify" : "MAC") + ": no Data (expected: the data, in a single-part request)");
        }
        return finish(o, mac, c.macData());
    }

    private Outcome next(RequestContext ctx, Call c, Instant now) {
        StreamingState s = streams.take(c.correlationValue(), operation, ctx.identity(), ctx.version(), now);
        if (c.uniqueIdentifier() instanceof UniqueIdentifier.Text t && !t.value().equals(s.uniqueIdentifier())) {
            throw Failures.invalidField("unique identifier: " + t.value() + " (expected: " + s.uniqueIdentifier()
                    + ", the key of the stream the Correlation Value names)");
        }
        KmipObject o = key(ctx, UniqueIdentifier.of(s.uniqueIdentifier()));
        MacStream mac = verify ? s.engine(Verifying.class).mac() : s.engine(MacStream.class);
        if (c.data() != null) {
            mac.update(c.data().toByteArray());
        }
        if (Boolean.TRUE.equals(c.fin())) {
            Bytes presented = c.macData() != null ? c.macData() : verify ? s.engine(Verifying.class).presented() : null;
            return finish(o, mac, presented);
        }
        streams.resume(c.correlationValue(), s, now);
        return new Outcome(o.uniqueIdentifier(), null, null, c.correlationValue());
    }

    private Outcome finish(KmipObject o, MacStream mac, Bytes presented) {
        if (!verify) {
            return new Outcome(o.uniqueIdentifier(), Bytes.wrap(mac.finish()), null, null);
        }
        if (presented == null) {
            throw Failures.invalidField("MAC Verify: no MAC Data (expected: the MAC to verify)");
        }
        boolean valid = Macs.verify(mac, presented.toByteArray());
        return new Outcome(o.uniqueIdentifier(), null, valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID, null);
    }
}
