package io.kmipstack.server.op;

import io.kmipstack.codec.registry.Operation;
import io.kmipstack.server.crypto.CorrelationStates;
import io.kmipstack.server.crypto.Pkcs11Module;
import io.kmipstack.server.crypto.Rngs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's operation handlers: object management, attributes and lifecycle (KMIP 1.4
 * section 4, 2.1 section 6.1), and the cryptographic services: Encrypt, Decrypt, MAC, MAC Verify,
 * Hash, RNG Retrieve, RNG Seed, Sign, Signature Verify and Derive Key; Get and Export wrap keys
 * with a {@link KeyWrapping}, Get, Export and Import unwrap with it. The
 * multi-part (streaming) operations of one map share one {@link CorrelationStates}, so one call
 * of {@code standard} is one server's set of open streams.
 *
 * <p>Discover Versions is the message layer's (it is about the protocol, not objects) and is not
 * in the map. The map is the dispatch table of the message layer. It is mutable on purpose and Query
 * reads it live: operations added to it are reported by Query from then on. Fill it before the
 * server starts; it is not safe to change while requests run.
 */
public final class Handlers {

    private Handlers() {
    }

    /** Every handler of this package, with the server's key wrapping ({@link KeyWrapping#standard()}). */
    public static Map<Operation, OperationHandler> standard() {
        return standard(KeyWrapping.standard());
    }

    /** Every handler of this package, Get and Export wrapping keys with {@code wrapping}. */
    public static Map<Operation, OperationHandler> standard(KeyWrapping wrapping) {
        return standard(wrapping, CorrelationStates.create());
    }

    /**
     * Every handler of this package, Get and Export wrapping keys with {@code wrapping}, the
     * multi-part operations keeping their streams in {@code streams}; RNG Seed accepts every seed
     * (replace it with {@link #rngSeed} for another policy).
     */
    public static Map<Operation, OperationHandler> standard(KeyWrapping wrapping, CorrelationStates streams) {
        Map<Operation, OperationHandler> m = new LinkedHashMap<>();
        m.put(Operation.CREATE, new CreateHandler());
        m.put(Operation.CREATE_KEY_PAIR, new CreateKeyPairHandler());
        m.put(Operation.REGISTER, new RegisterHandler());
        m.put(Operation.RE_KEY, new ReKeyHandler());
        m.put(Operation.LOCATE, new LocateHandler());
        m.put(Operation.CHECK, new CheckHandler());
        m.put(Operation.GET, new GetHandler(wrapping));
        m.put(Operation.GET_ATTRIBUTES, new GetAttributesHandler());
        m.put(Operation.GET_ATTRIBUTE_LIST, new GetAttributeListHandler());
        m.put(Operation.ADD_ATTRIBUTE, new AddAttributeHandler());
        m.put(Operation.MODIFY_ATTRIBUTE, new ModifyAttributeHandler());
        m.put(Operation.DELETE_ATTRIBUTE, new DeleteAttributeHandler());
        m.put(Operation.OBTAIN_LEASE, new ObtainLeaseHandler());
        m.put(Operation.GET_USAGE_ALLOCATION, new GetUsageAllocationHandler());
        m.put(Operation.ACTIVATE, new ActivateHandler());
        m.put(Operation.REVOKE, new RevokeHandler());
        m.put(Operation.DESTROY, new DestroyHandler());
        m.put(Operation.ARCHIVE, new ArchiveHandler());
        m.put(Operation.RECOVER, new RecoverHandler());
        m.put(Operation.QUERY, new QueryHandler(m::keySet));
        m.put(Operation.RE_KEY_KEY_PAIR, new ReKeyKeyPairHandler());
        m.put(Operation.EXPORT, new ExportHandler(wrapping));
        m.put(Operation.IMPORT, new ImportHandler(wrapping));
        m.put(Operation.LOG, new LogHandler());
        m.put(Operation.SET_ATTRIBUTE, new SetAttributeHandler());
        m.put(Operation.ADJUST_ATTRIBUTE, new AdjustAttributeHandler());
        m.put(Operation.INTEROP, new InteropHandler());
        m.put(Operation.SET_ENDPOINT_ROLE, new SetEndpointRoleHandler());
        m.put(Operation.PING, new PingHandler());
        m.put(Operation.ENCRYPT, new EncryptHandler(streams));
        m.put(Operation.DECRYPT, new DecryptHandler(streams));
        m.put(Operation.MAC, new MACHandler(streams));
        m.put(Operation.MAC_VERIFY, new MACVerifyHandler(streams));
        m.put(Operation.HASH, new HashHandler(streams));
        m.put(Operation.RNG_RETRIEVE, new RNGRetrieveHandler());
        m.put(Operation.RNG_SEED, rngSeed(Rngs.SeedPolicy.acceptAll()));
        m.put(Operation.SIGN, new SignHandler(streams));
        m.put(Operation.SIGNATURE_VERIFY, new SignatureVerifyHandler(streams));
        m.put(Operation.DERIVE_KEY, new DeriveKeyHandler());
        return m;
    }

    /**
     * A PKCS#11 handler passing calls to {@code module} (KMIP 2.1 section 6.1.37). Not part of
     * {@link #standard()}: a server offers PKCS#11 only when configured with a token library, e.g.
     * {@code handlers.put(Operation.PKCS_11, Handlers.pkcs11(Pkcs11Module.load(path)))}.
     */
    public static OperationHandler pkcs11(Pkcs11Module module) {
        return new PKCS11Handler(module, CorrelationStates.create());
    }

    /** An RNG Seed handler with {@code policy}: how much of a seed the server takes, or that it refuses seeding. */
    public static OperationHandler rngSeed(Rngs.SeedPolicy policy) {
        return new RNGSeedHandler(policy);
    }
}
