package io.kmipstack.server.op;

import io.kmipstack.codec.registry.Operation;
import io.kmipstack.server.crypto.CorrelationStates;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's operation handlers: object management, attributes and lifecycle (KMIP 1.4
 * section 4, 2.1 section 6.1), without the cryptographic services, which plug in later by adding
 * their handlers to the map and, for Get and Export with key wrapping, a {@link KeyWrapping}.
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
        // Cryptographic services: one bounded store of multi-part streams for every streaming handler.
        CorrelationStates streams = CorrelationStates.create();
        m.put(Operation.SIGN, new SignHandler(streams));
        m.put(Operation.SIGNATURE_VERIFY, new SignatureVerifyHandler(streams));
        m.put(Operation.DERIVE_KEY, new DeriveKeyHandler());
        return m;
    }
}
