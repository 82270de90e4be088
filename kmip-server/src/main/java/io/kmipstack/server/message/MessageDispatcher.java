package io.kmipstack.server.message;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.KmipDecodingException;
import io.kmipstack.codec.model.MessageExtension;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseHeader;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.ResponsePayloads;
import io.kmipstack.codec.registry.AsynchronousIndicator;
import io.kmipstack.codec.registry.BatchErrorContinuationOption;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.server.audit.AuditEvent;
import io.kmipstack.server.audit.AuditLog;
import io.kmipstack.server.op.OperationHandler;
import io.kmipstack.server.store.ObjectStore;
import io.kmipstack.server.store.StoreTransaction;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message layer (KMIP 1.4 sections 6, 7 and 11.1; 2.1 sections 8 and 9): one request message
 * in, one response message out, whatever the transport (TTLV over TLS, or HTTPS with TTLV, XML or
 * JSON bodies). It never throws: every problem becomes a failed batch item.
 *
 * <p>In order: the message's shape and protocol version (see {@link ProtocolVersions}); Batch
 * Count against the items and the configured limit; the attributes the request carries against
 * theirs; the {@link Authenticator}; a 2.x Asynchronous
 * Indicator of Mandatory, refused with Feature Not Supported because this server always answers
 * synchronously (Optional, Prohibited and the 1.x Boolean are answered synchronously, which the
 * spec leaves to the server); then each batch item, decoded on its own so that one malformed item
 * fails alone with Invalid Message (1.4 table 327). An item runs the {@link Middleware} chain and
 * then the {@link OperationHandler} registered for its Operation; an Operation without one, or one
 * the request's version does not define, fails with Operation Not Supported. Batch items always run
 * in request order, which satisfies either Batch Order Option.
 *
 * <p>Transactions follow the Batch Error Continuation Option (1.4 section 6.13 and table 366):
 * <ul>
 *   <li>Stop (the default) and Continue run each item in its own {@link ObjectStore#transact}: a
 *       failed item leaves nothing behind, earlier items stay committed; Stop returns no response
 *       for the items after the failure, Continue runs them.
 *   <li>Undo runs the whole batch in one transaction; the first failure rolls it back, the items
 *       before it are answered Operation Undone (with the payload they had produced, as the OASIS
 *       test cases show) and the items after it are not answered.
 * </ul>
 * A store conflict ({@link StoreTransaction.ConcurrentModificationException}) reruns the unit of
 * work a few times before it is reported as General Failure.
 *
 * <p>The response is written in the negotiated version with only what that version defines: the
 * codec refuses anything else, and a payload that cannot be expressed fails its item with the
 * codec's reason. Result reasons the version lacks are mapped to one it has. Maximum Response Size
 * is enforced per item as the response grows: the item that would overflow fails with Response
 * Too Large, inside its transaction, so under Undo it undoes the batch. The response header carries
 * Protocol Version, Time Stamp and Batch Count, and from 1.4 a Server Correlation Value unique to
 * this server run; the Client Correlation Value is logged, not echoed, because for client-to-server
 * operations it travels in the request only (2.1 section 9.9).
 *
 * <p>Any unexpected exception is logged here (class, operation, stack; handlers keep key material
 * out of exception messages) and answered with General Failure and no detail.
 */
public final class MessageDispatcher {

    /** Default for {@link Builder#maxBatchItems(int)}. */
    public static final int DEFAULT_MAX_BATCH_ITEMS = 1000;
    /** Default for {@link Builder#maxAttributes(int)}. */
    public static final int DEFAULT_MAX_ATTRIBUTES = 1024;

    private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final int MAX_RESULT_MESSAGE = 400;
    private static final String INTERNAL_ERROR = "internal error";

    private final Map<Operation, OperationHandler> handlers;
    private final ObjectStore store;
    private final Authenticator authenticator;
    private final Set<String> admins;
    private final int maxBatchItems;
    private final int maxAttributes;
    private final Clock clock;
    private final AuditLog audit;
    private final String correlationPrefix;
    private final AtomicLong correlationCounter = new AtomicLong();

    private MessageDispatcher(Builder b) {
        Map<Operation, OperationHandler> plain = new HashMap<>(b.handlers);
        plain.put(Operation.DISCOVER_VERSIONS, new DiscoverVersionsHandler());
        Map<Operation, OperationHandler> chained = new HashMap<>();
        plain.forEach((op, handler) -> chained.put(op, chain(b.middleware, handler)));
        this.handlers = Map.copyOf(chained);
        this.store = b.store;
        this.authenticator = b.authenticator;
        this.admins = Set.copyOf(b.admins);
        this.maxBatchItems = b.maxBatchItems;
        this.maxAttributes = b.maxAttributes;
        this.clock = b.clock;
        this.audit = b.audit;
        byte[] prefix = new byte[4];
        new SecureRandom().nextBytes(prefix);
        this.correlationPrefix = HexFormat.of().withUpperCase().formatHex(prefix) + "-";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The operations this dispatcher has a handler for, Discover Versions included. */
    public Set<Operation> operations() {
        return handlers.keySet();
    }

    /**
     * Answers one request message. {@code peerIdentity} is the identity the transport established
     * (the client certificate's, see the server's identity setting); {@code clientAddress} is for
     * the audit log only ({@code host:port}, or null).
     */
    public Ttlv handle(Ttlv message, String peerIdentity, String clientAddress) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(peerIdentity, "peerIdentity");
        Peer peer = new Peer(peerIdentity, clientAddress);
        try {
            return dispatch(message, peer, false);
        } catch (RuntimeException e) {
            log.error("request from {} failed unexpectedly", peerIdentity, e);
            return messageFailure(ProtocolVersions.forMalformed(ProtocolVersions.sniff(message)),
                    ResultReason.GENERAL_FAILURE, INTERNAL_ERROR, peer);
        }
    }

    /**
     * Answers {@code message} as {@link #handle} would if that takes no write to the store and
     * little work, or returns {@code null} having changed nothing (nothing stored, nothing audited):
     * the caller then hands the message to {@link #handle} on a thread that may wait. Taken are
     * messages of at most {@value #WITHOUT_WRITING_MAX_BYTES} bytes whose batch items are all of
     * operations that read ({@link #readsFirst}; Locate excepted, whose answer has no bound) and
     * not under Undo; such an item that must write after all (the first Get of a Fresh object)
     * makes it return {@code null}. Transports call it on their I/O thread, where a Get or an
     * Encrypt costs no hand-over to a worker and back.
     */
    public Ttlv handleWithoutWriting(Ttlv message, String peerIdentity, String clientAddress) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(peerIdentity, "peerIdentity");
        if (!mayRunWithoutWriting(message)) {
            return null;
        }
        Peer peer = new Peer(peerIdentity, clientAddress);
        try {
            return dispatch(message, peer, true);
        } catch (NeedsWrite e) {
            return null;
        } catch (RuntimeException e) {
            log.error("request from {} failed unexpectedly", peerIdentity, e);
            return messageFailure(ProtocolVersions.forMalformed(ProtocolVersions.sniff(message)),
                    ResultReason.GENERAL_FAILURE, INTERNAL_ERROR, peer);
        }
    }

    /** The shape check of {@link #handleWithoutWriting}, on the raw message. */
    private static boolean mayRunWithoutWriting(Ttlv message) {
        if (message.tag() != Tag.REQUEST_MESSAGE || !message.isStructure()
                || TtlvEncoder.encodedLength(message) > WITHOUT_WRITING_MAX_BYTES) {
            return false;
        }
        boolean anyItem = false;
        for (Ttlv c : message.children()) {
            if (c.tag() == Tag.REQUEST_HEADER && c.isStructure()) {
                Ttlv option = c.child(Tag.BATCH_ERROR_CONTINUATION_OPTION);
                if (option != null && (option.type() != ItemType.ENUMERATION
                        || option.intValue() == BatchErrorContinuationOption.UNDO.value())) {
                    return false;
                }
            } else if (c.tag() == Tag.BATCH_ITEM && c.isStructure()) {
                Ttlv op = c.child(Tag.OPERATION);
                if (op == null || op.type() != ItemType.ENUMERATION) {
                    return false;
                }
                Operation operation = Operation.valueOf(op.intValue());
                if (!READS_FIRST.contains(operation) || operation.equals(Operation.LOCATE) || multiPart(c)) {
                    return false;
                }
                anyItem = true;
            } else {
                return false;
            }
        }
        return anyItem;
    }

    /**
     * Answers a frame that is not well-formed TTLV (or an XML/JSON body that is not a KMIP message):
     * Invalid Message, in the version its first bytes name when they are intact.
     *
     * @param frame the raw TTLV bytes, or {@code null} when there are none to salvage a version from
     * @param problem what was wrong, without values (it goes to the client)
     */
    public Ttlv handleUndecodable(Bytes frame, String problem, String peerIdentity, String clientAddress) {
        KmipVersion v = ProtocolVersions.forMalformed(frame == null ? null : ProtocolVersions.sniff(frame));
        return messageFailure(v, ResultReason.INVALID_MESSAGE, problem, new Peer(peerIdentity, clientAddress));
    }

    private Ttlv dispatch(Ttlv message, Peer peer, boolean withoutWriting) {
        String peerIdentity = peer.identity;
        if (message.tag() != Tag.REQUEST_MESSAGE || !message.isStructure()) {
            return messageFailure(ProtocolVersions.forMalformed(ProtocolVersions.sniff(message)), ResultReason.INVALID_MESSAGE,
                    "message: " + Registry.tagName(message.tag()) + " (expected: RequestMessage Structure)", peer);
        }
        Ttlv headerItem = null;
        List<Ttlv> rawItems = new ArrayList<>();
        for (Ttlv c : message.children()) {
            if (c.tag() == Tag.REQUEST_HEADER && headerItem == null) {
                headerItem = c;
            } else if (c.tag() == Tag.BATCH_ITEM) {
                rawItems.add(c);
            } else {
                return messageFailure(ProtocolVersions.forMalformed(ProtocolVersions.sniff(message)),
                        ResultReason.INVALID_MESSAGE, "RequestMessage: unexpected " + Registry.tagName(c.tag()), peer);
            }
        }
        if (headerItem == null) {
            return messageFailure(ProtocolVersions.UNREADABLE, ResultReason.INVALID_MESSAGE,
                    "RequestMessage: missing field RequestHeader", peer);
        }
        RequestHeader header;
        try {
            header = RequestHeader.decode(headerItem);
        } catch (KmipDecodingException e) {
            return messageFailure(ProtocolVersions.forMalformed(ProtocolVersions.sniff(message)),
                    ResultReason.INVALID_MESSAGE, e.getMessage(), peer);
        }
        ProtocolVersion pv = header.protocolVersion();
        if (pv.protocolVersionMajor() < 0 || pv.protocolVersionMinor() < 0) {
            return messageFailure(ProtocolVersions.UNREADABLE, ResultReason.INVALID_MESSAGE,
                    "protocol version: " + pv.protocolVersionMajor() + "." + pv.protocolVersionMinor() + " (expected: >= 0.0)", peer);
        }
        KmipVersion requested = new KmipVersion(pv.protocolVersionMajor(), pv.protocolVersionMinor());
        KmipVersion v = ProtocolVersions.negotiate(requested);
        if (v == null) {
            return messageFailure(ProtocolVersions.refusalVersion(requested), ResultReason.INVALID_MESSAGE,
                    "protocol version: " + requested + " (expected: " + ProtocolVersions.describeSupported() + ")", peer);
        }
        if (rawItems.isEmpty()) {
            return messageFailure(v, ResultReason.INVALID_MESSAGE, "RequestMessage: missing field BatchItem", peer);
        }
        if (header.batchCount() != rawItems.size()) {
            return messageFailure(v, ResultReason.INVALID_MESSAGE,
                    "batch count: " + header.batchCount() + " (expected: " + rawItems.size() + ", the number of batch items)", peer);
        }
        if (rawItems.size() > maxBatchItems) {
            return messageFailure(v, ResultReason.SERVER_LIMIT_EXCEEDED,
                    "batch count: " + rawItems.size() + " (expected: <= " + maxBatchItems + ")", peer);
        }
        int attributes = countAttributes(message);
        if (attributes > maxAttributes) {
            return messageFailure(v, ResultReason.SERVER_LIMIT_EXCEEDED,
                    "attributes: " + attributes + " (expected: <= " + maxAttributes + ")", peer);
        }
        String correlation = v.atLeast(KmipVersion.V1_4) ? correlationPrefix + correlationCounter.incrementAndGet() : null;
        if (log.isDebugEnabled()) {
            log.debug("request from {}: version {}, {} item(s), client correlation {}, server correlation {}", peerIdentity,
                    requested, rawItems.size(), header.clientCorrelationValue(), correlation);
        }
        String identity;
        try {
            identity = authenticator.authenticate(peerIdentity, header.authentication());
        } catch (KmipException e) {
            log.info("authentication failed for {} ({})", peerIdentity, e.getMessage());
            return everyItemFails(v, correlation, rawItems, ResultReason.AUTHENTICATION_NOT_SUCCESSFUL,
                    "authentication not successful", peer);
        }
        if (AsynchronousIndicator.MANDATORY.equals(header.asynchronousIndicatorV2())) {
            return everyItemFails(v, correlation, rawItems, ResultReason.FEATURE_NOT_SUPPORTED,
                    "Asynchronous Indicator Mandatory: this server answers synchronously only "
                            + "(send Optional or Prohibited)", new Peer(identity, peer.address));
        }
        BatchErrorContinuationOption option = header.batchErrorContinuationOption() == null
                ? BatchErrorContinuationOption.STOP : header.batchErrorContinuationOption();
        if (!option.equals(BatchErrorContinuationOption.STOP) && !option.equals(BatchErrorContinuationOption.CONTINUE)
                && !option.equals(BatchErrorContinuationOption.UNDO)) {
            return messageFailure(v, ResultReason.INVALID_FIELD,
                    "Batch Error Continuation Option: " + option.name() + " (expected: Undo, Stop or Continue)", peer);
        }
        List<Item> items = new ArrayList<>(rawItems.size());
        for (Ttlv raw : rawItems) {
            items.add(Item.decode(raw));
        }
        Batch batch = new Batch(v, identity, admins.contains(identity), withoutWriting, items,
                new SizeBudget(header.maximumResponseSize(), v, correlation, items.size()));
        List<Ttlv> answers = option.equals(BatchErrorContinuationOption.UNDO) ? runUndo(batch)
                : runEach(batch, option.equals(BatchErrorContinuationOption.CONTINUE));
        audit(v, new Peer(identity, peer.address), items, answers);
        return response(v, correlation, answers);
    }

    /**
     * The attributes a request carries: its 1.x Attribute structures and the members of its 2.x
     * Attributes structures (plain, common, private and public key), wherever they are. Bounded by
     * the message size already; this bound keeps what one request can make the store hold small.
     */
    static int countAttributes(Ttlv item) {
        if (!item.isStructure()) {
            return 0;
        }
        int tag = item.tag();
        if (tag == Tag.ATTRIBUTE) {
            return 1;
        }
        if (tag == Tag.ATTRIBUTES || tag == Tag.COMMON_ATTRIBUTES || tag == Tag.PRIVATE_KEY_ATTRIBUTES
                || tag == Tag.PUBLIC_KEY_ATTRIBUTES) {
            return item.children().size();
        }
        int n = 0;
        for (Ttlv c : item.children()) {
            n += countAttributes(c);
        }
        return n;
    }

    // ---- running items ----------------------------------------------------------------------

    private List<Ttlv> runEach(Batch batch, boolean continueAfterFailure) {
        List<Ttlv> answers = new ArrayList<>();
        BatchState state = new BatchState();
        for (Item item : batch.items) {
            Outcome outcome = runAlone(batch, item, state);
            answers.add(outcome.encoded);
            batch.budget.add(outcome.encoded);
            if (outcome.failed && !continueAfterFailure) {
                break;
            }
        }
        return answers;
    }

    /**
     * One item in its own transaction; a failure rolls back what it did, in the store and in
     * {@code state}. An item of an operation that normally only reads ({@link #readsFirst}) runs in
     * a read transaction, which waits for no writer and lets others run beside it; if its handler
     * writes after all (Fresh cleared by a first Get, Usage Limits counted down by Encrypt), the
     * store refuses the write, nothing was kept, and the item runs again in a write transaction.
     */
    private Outcome runAlone(Batch batch, Item item, BatchState state) {
        if (readsFirst(item)) {
            BatchState.Snapshot before = state.snapshot();
            try {
                return store.read(tx -> execute(batch, item, tx, state));
            } catch (StoreTransaction.ReadOnlyException e) {
                if (batch.withoutWriting) {
                    throw NeedsWrite.INSTANCE;
                }
                state.restore(before);
            } catch (RuntimeException e) {
                state.restore(before);
                log.error("{}: store failure", item.operationName(), e);
                return failure(batch.version, item, ResultStatus.OPERATION_FAILED, ResultReason.GENERAL_FAILURE,
                        INTERNAL_ERROR);
            }
        }
        for (int attempt = 1; ; attempt++) {
            BatchState.Snapshot before = state.snapshot();
            try {
                return store.transact(tx -> {
                    Outcome o = execute(batch, item, tx, state);
                    if (o.failed) {
                        throw new RollBack(o);
                    }
                    return o;
                });
            } catch (RollBack r) {
                state.restore(before);
                return r.outcome;
            } catch (StoreTransaction.ConcurrentModificationException e) {
                state.restore(before);
                if (attempt == MAX_ATTEMPTS) {
                    log.warn("{}: gave up after {} store conflicts", item.operationName(), attempt);
                    return failure(batch.version, item, ResultStatus.OPERATION_FAILED, ResultReason.GENERAL_FAILURE,
                            "the object was changed concurrently; retry");
                }
            } catch (KmipException e) {
                state.restore(before);
                return failure(batch.version, item, e.resultStatus(), e.resultReason(), e.getMessage());
            } catch (RuntimeException e) {
                state.restore(before);
                log.error("{}: store failure", item.operationName(), e);
                return failure(batch.version, item, ResultStatus.OPERATION_FAILED, ResultReason.GENERAL_FAILURE,
                        INTERNAL_ERROR);
            }
        }
    }

    /**
     * Operations whose handlers read the store and write only in a corner (see {@link #runAlone}).
     * Multi-part cryptographic calls (Init Indicator or Correlation Value) are not among them: they
     * change the server's stream state before they could find out they must write, so running
     * them twice is not harmless.
     */
    private static boolean readsFirst(Item item) {
        if (item.error != null || !READS_FIRST.contains(item.request.operation())) {
            return false;
        }
        return !multiPart(item.raw);
    }

    private static boolean multiPart(Ttlv rawItem) {
        Ttlv payload = rawItem.child(Tag.REQUEST_PAYLOAD);
        return payload != null && payload.isStructure()
                && (payload.child(Tag.CORRELATION_VALUE) != null || payload.child(Tag.INIT_INDICATOR) != null);
    }

    private static final int WITHOUT_WRITING_MAX_BYTES = 64 * 1024;

    private static final Set<Operation> READS_FIRST = Set.of(Operation.GET, Operation.GET_ATTRIBUTES,
            Operation.GET_ATTRIBUTE_LIST, Operation.LOCATE, Operation.QUERY, Operation.ENCRYPT, Operation.DECRYPT,
            Operation.SIGN, Operation.SIGNATURE_VERIFY, Operation.MAC, Operation.MAC_VERIFY, Operation.HASH,
            Operation.RNG_RETRIEVE);

    /** The whole batch in one transaction: the first failure undoes everything before it. */
    private List<Ttlv> runUndo(Batch batch) {
        for (int attempt = 1; ; attempt++) {
            BatchState state = new BatchState();
            SizeBudget budget = batch.budget.copy();
            List<Outcome> done = new ArrayList<>();
            try {
                store.transact(tx -> {
                    for (Item item : batch.items) {
                        Outcome o = execute(batch.withBudget(budget), item, tx, state);
                        done.add(o);
                        budget.add(o.encoded);
                        if (o.failed) {
                            throw new RollBack(o);
                        }
                    }
                    return null;
                });
                return done.stream().map(o -> o.encoded).toList();
            } catch (RollBack r) {
                List<Ttlv> answers = new ArrayList<>();
                for (int i = 0; i < done.size() - 1; i++) {
                    answers.add(undone(done.get(i).encoded));
                }
                answers.add(r.outcome.encoded);
                return answers;
            } catch (StoreTransaction.ConcurrentModificationException e) {
                if (attempt == MAX_ATTEMPTS) {
                    log.warn("batch of {} item(s): gave up after {} store conflicts", batch.items.size(), attempt);
                    return commitFailed(batch, done, "an object was changed concurrently; retry");
                }
            } catch (RuntimeException e) {
                // The commit itself failed: nothing the batch did was kept.
                log.error("batch of {} item(s): store failure", batch.items.size(), e);
                return commitFailed(batch, done, INTERNAL_ERROR);
            }
        }
    }

    /** Under Undo, when the transaction could not commit: the items run are undone, the last one says why. */
    private List<Ttlv> commitFailed(Batch batch, List<Outcome> done, String message) {
        List<Ttlv> answers = new ArrayList<>();
        int last = Math.max(done.size(), 1) - 1;
        for (int i = 0; i < last; i++) {
            answers.add(undone(done.get(i).encoded));
        }
        answers.add(failure(batch.version, batch.items.get(last), ResultStatus.OPERATION_FAILED,
                ResultReason.GENERAL_FAILURE, message).encoded);
        return answers;
    }

    /** Runs one item; handler failures become a failed outcome, store conflicts propagate (to retry). */
    private Outcome execute(Batch batch, Item item, StoreTransaction tx, BatchState state) {
        KmipVersion v = batch.version;
        if (item.error != null) {
            return failure(v, item, ResultStatus.OPERATION_FAILED, item.error.resultReason(), item.error.getMessage());
        }
        Operation op = item.request.operation();
        OperationHandler handler = handlers.get(op);
        if (handler == null || (op.isKnown() && !op.definedIn(v))) {
            return failure(v, item, ResultStatus.OPERATION_FAILED, ResultReason.OPERATION_NOT_SUPPORTED,
                    "operation " + op.name() + ": not supported" + (handler == null ? "" : " in KMIP " + v));
        }
        for (MessageExtension ext : item.request.messageExtension()) {
            if (Boolean.TRUE.equals(ext.criticalityIndicator())) {
                return failure(v, item, ResultStatus.OPERATION_FAILED, ResultReason.FEATURE_NOT_SUPPORTED,
                        "Message Extension of " + ext.vendorIdentification() + ": critical and not understood");
            }
        }
        ItemContext context = new ItemContext(batch.identity, batch.admin, v, op, tx, clock, state);
        try {
            ResponsePayload payload = handler.handle(context, item.request.requestPayload());
            if (payload == null) {
                throw new IllegalStateException("handler for " + op.name() + " returned no payload");
            }
            ResponsePayloads.requireMatches(op, payload);
            Ttlv encoded = encodeItem(v, item, ResultStatus.SUCCESS, null, null, payload);
            int size = TtlvEncoder.encodedLength(encoded);
            if (!batch.budget.fits(size)) {
                return failure(v, item, ResultStatus.OPERATION_FAILED, ResultReason.RESPONSE_TOO_LARGE,
                        "response size: " + batch.budget.after(size) + " (expected: <= " + batch.budget.maximum + ")");
            }
            state.succeeded(op, encoded.child(Tag.RESPONSE_PAYLOAD));
            return new Outcome(encoded, false);
        } catch (StoreTransaction.ConcurrentModificationException | StoreTransaction.ReadOnlyException e) {
            throw e;
        } catch (KmipException e) {
            return failure(v, item, e.resultStatus(), e.resultReason(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} for {} failed unexpectedly", op.name(), batch.identity, e);
            return failure(v, item, ResultStatus.OPERATION_FAILED, ResultReason.GENERAL_FAILURE, INTERNAL_ERROR);
        }
    }

    private static OperationHandler chain(List<Middleware> middleware, OperationHandler handler) {
        OperationHandler h = handler;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            Middleware m = middleware.get(i);
            OperationHandler next = h;
            h = (context, request) -> m.handle(context, request, next);
        }
        return h;
    }

    // ---- writing responses ------------------------------------------------------------------

    private Ttlv response(KmipVersion v, String correlation, List<Ttlv> items) {
        List<Ttlv> children = new ArrayList<>(items.size() + 1);
        children.add(header(v, correlation, items.size()));
        children.addAll(items);
        return Ttlv.structure(Tag.RESPONSE_MESSAGE, children);
    }

    private Ttlv header(KmipVersion v, String correlation, int batchCount) {
        return new ResponseHeader(new ProtocolVersion(v.major(), v.minor()), clock.instant().truncatedTo(ChronoUnit.SECONDS),
                null, null, null, null, correlation, batchCount).encode(v);
    }

    /** A response whose one batch item, without Operation, says why the message as a whole failed (1.4 table 327). */
    private Ttlv messageFailure(KmipVersion v, ResultReason reason, String message, Peer peer) {
        Ttlv item = new ResponseBatchItem(null, null, ResultStatus.OPERATION_FAILED, reasonFor(v, reason), trim(message),
                null, null, null).encode(v);
        String correlation = v.atLeast(KmipVersion.V1_4) ? correlationPrefix + correlationCounter.incrementAndGet() : null;
        audit(v, peer, List.of(), List.of(item));
        return response(v, correlation, List.of(item));
    }

    /** Every batch item fails for the same message-wide reason; Operation and Unique Batch Item ID are echoed. */
    private Ttlv everyItemFails(KmipVersion v, String correlation, List<Ttlv> rawItems, ResultReason reason,
            String message, Peer peer) {
        List<Item> items = new ArrayList<>(rawItems.size());
        List<Ttlv> answers = new ArrayList<>(rawItems.size());
        for (Ttlv raw : rawItems) {
            Item item = Item.salvage(raw, null);
            items.add(item);
            answers.add(failure(v, item, ResultStatus.OPERATION_FAILED, reason, message).encoded);
        }
        audit(v, peer, items, answers);
        return response(v, correlation, answers);
    }

    /**
     * One audit event per answered batch item (a message refused as a whole is one event without
     * Operation): the identities of the objects named in the request and the response, the final
     * status (Operation Undone for an undone item) and reason. A failing audit log is reported
     * here and does not fail the request, whose work is already committed.
     */
    private void audit(KmipVersion v, Peer peer, List<Item> items, List<Ttlv> answers) {
        Instant now = clock.instant();
        for (int i = 0; i < answers.size(); i++) {
            Ttlv answer = answers.get(i);
            Ttlv op = answer.child(Tag.OPERATION);
            Ttlv status = answer.child(Tag.RESULT_STATUS);
            Ttlv reason = answer.child(Tag.RESULT_REASON);
            LinkedHashSet<String> ids = new LinkedHashSet<>();
            if (i < items.size() && items.get(i).raw != null) {
                collectIds(items.get(i).raw.isStructure() ? items.get(i).raw.child(Tag.REQUEST_PAYLOAD) : null, ids);
            }
            collectIds(answer.child(Tag.RESPONSE_PAYLOAD), ids);
            try {
                audit.record(new AuditEvent(now, peer.identity, op == null ? null : Operation.valueOf(op.intValue()),
                        List.copyOf(ids), ResultStatus.valueOf(status.intValue()),
                        reason == null ? null : ResultReason.valueOf(reason.intValue()), v, peer.address));
            } catch (RuntimeException e) {
                log.error("audit log: event for {} not recorded", peer.identity, e);
            }
        }
    }

    private static void collectIds(Ttlv payload, Set<String> into) {
        if (payload == null || !payload.isStructure()) {
            return;
        }
        for (Ttlv c : payload.children()) {
            if (c.type() == ItemType.TEXT_STRING && (c.tag() == Tag.UNIQUE_IDENTIFIER
                    || c.tag() == Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER || c.tag() == Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER)) {
                into.add(c.textValue());
            }
        }
    }

    private static Outcome failure(KmipVersion v, Item item, ResultStatus status, ResultReason reason, String message) {
        ResultStatus s = status.equals(ResultStatus.SUCCESS) ? ResultStatus.OPERATION_FAILED : status;
        return new Outcome(encodeItem(v, item, s, reasonFor(v, reason), trim(message), null), true);
    }

    /**
     * A successful answer turned into Operation Undone. The payload stays, as the OASIS test cases
     * show it (2.1 BL-M-2-21): it says what the item did before it was undone.
     */
    private static Ttlv undone(Ttlv answer) {
        List<Ttlv> children = new ArrayList<>(answer.children().size());
        for (Ttlv c : answer.children()) {
            children.add(c.tag() == Tag.RESULT_STATUS ? Ttlv.enumeration(Tag.RESULT_STATUS, ResultStatus.OPERATION_UNDONE.value()) : c);
        }
        return Ttlv.structure(Tag.BATCH_ITEM, children);
    }


    /**
     * A response batch item. The Operation is copied from the request as the client sent it: it
     * is the client's own value, so it is echoed even when the codec would not write it for this
     * version (an operation this version lacks, answered Operation Not Supported).
     */
    private static Ttlv encodeItem(KmipVersion v, Item item, ResultStatus status, ResultReason reason, String message,
            ResponsePayload payload) {
        Ttlv body = new ResponseBatchItem(null, item.batchItemId, status, reason, message, null, payload, null).encode(v);
        if (item.operationItem == null) {
            return body;
        }
        List<Ttlv> children = new ArrayList<>(body.children().size() + 1);
        children.add(item.operationItem);
        children.addAll(body.children());
        return Ttlv.structure(Tag.BATCH_ITEM, children);
    }

    /**
     * A result reason {@code v} can carry: the 2.x-only reasons have no 1.x equivalent except
     * Object Not Found (Item Not Found); the rest become General Failure, with the result message
     * still saying what happened.
     */
    static ResultReason reasonFor(KmipVersion v, ResultReason reason) {
        if (reason == null || !reason.isKnown() || reason.definedIn(v)) {
            return reason;
        }
        if (reason.equals(ResultReason.OBJECT_NOT_FOUND) && ResultReason.ITEM_NOT_FOUND.definedIn(v)) {
            return ResultReason.ITEM_NOT_FOUND;
        }
        return ResultReason.GENERAL_FAILURE;
    }

    private static String trim(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= MAX_RESULT_MESSAGE ? message : message.substring(0, MAX_RESULT_MESSAGE) + "...";
    }

    // ---- values -----------------------------------------------------------------------------

    /** One request batch item: decoded, or the decoding failure and what could be salvaged for the echo. */
    private record Item(Ttlv raw, RequestBatchItem request, KmipException error, Ttlv operationItem, Bytes batchItemId) {

        static Item decode(Ttlv raw) {
            try {
                RequestBatchItem decoded = RequestBatchItem.decode(raw);
                return new Item(raw, decoded, null, Ttlv.enumeration(Tag.OPERATION, decoded.operation().value()),
                        decoded.uniqueBatchItemID());
            } catch (KmipDecodingException e) {
                return salvage(raw, e);
            }
        }

        /** The item's Operation and Unique Batch Item ID, if they are there and well typed. */
        static Item salvage(Ttlv raw, KmipException error) {
            Ttlv op = raw.isStructure() ? raw.child(Tag.OPERATION) : null;
            Ttlv id = raw.isStructure() ? raw.child(Tag.UNIQUE_BATCH_ITEM_ID) : null;
            return new Item(raw, null, error,
                    op != null && op.type() == ItemType.ENUMERATION ? op : null,
                    id != null && id.type() == ItemType.BYTE_STRING ? id.bytesValue() : null);
        }

        String operationName() {
            return operationItem == null ? "batch item" : Operation.valueOf(operationItem.intValue()).name();
        }
    }

    private record Outcome(Ttlv encoded, boolean failed) {
    }

    /** Who sent the request: the identity, and the address for the audit log. */
    private record Peer(String identity, String address) {
    }

    /** A batch being run; {@code withoutWriting}: an item that must write ends the run with {@link NeedsWrite}. */
    private record Batch(KmipVersion version, String identity, boolean admin, boolean withoutWriting, List<Item> items,
            SizeBudget budget) {

        Batch withBudget(SizeBudget other) {
            return new Batch(version, identity, admin, withoutWriting, items, other);
        }
    }

    /** Ends a run of {@link #handleWithoutWriting} that would have to write. */
    private static final class NeedsWrite extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NeedsWrite INSTANCE = new NeedsWrite();

        private NeedsWrite() {
            super("needs a write transaction", null, false, false);
        }
    }

    /** Thrown inside a transaction to roll it back after an item failed. */
    private static final class RollBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Outcome outcome;

        RollBack(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    /**
     * The Maximum Response Size (1.4 section 6.3) as the response grows: the message's own eight
     * bytes and its header are counted from the start, then each item as it is answered.
     */
    private final class SizeBudget {
        private final Integer maximum;
        private long used;

        SizeBudget(Integer maximum, KmipVersion v, String correlation, int batchCount) {
            this.maximum = maximum;
            this.used = maximum == null ? 0 : 8 + TtlvEncoder.encodedLength(header(v, correlation, batchCount));
        }

        private SizeBudget(Integer maximum, long used) {
            this.maximum = maximum;
            this.used = used;
        }

        SizeBudget copy() {
            return new SizeBudget(maximum, used);
        }

        boolean fits(int itemSize) {
            return maximum == null || used + itemSize <= maximum;
        }

        long after(int itemSize) {
            return used + itemSize;
        }

        void add(Ttlv item) {
            used += TtlvEncoder.encodedLength(item);
        }
    }

    /** Configures a {@link MessageDispatcher}. */
    public static final class Builder {
        private final Map<Operation, OperationHandler> handlers = new HashMap<>();
        private final List<Middleware> middleware = new ArrayList<>();
        private final Set<String> admins = new LinkedHashSet<>();
        private ObjectStore store;
        private Authenticator authenticator = Authenticator.tlsOnly();
        private int maxBatchItems = DEFAULT_MAX_BATCH_ITEMS;
        private int maxAttributes = DEFAULT_MAX_ATTRIBUTES;
        private Clock clock = Clock.systemUTC();
        private AuditLog audit = AuditLog.noop();

        private Builder() {
        }

        /** Adds handlers; a later one for the same operation replaces the earlier. Discover Versions is built in. */
        public Builder handlers(Map<Operation, ? extends OperationHandler> more) {
            more.forEach((op, h) -> handlers.put(Objects.requireNonNull(op, "operation"), Objects.requireNonNull(h, "handler")));
            return this;
        }

        public Builder handler(Operation operation, OperationHandler handler) {
            handlers.put(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Appends middleware; the first added is the outermost. */
        public Builder middleware(Middleware m) {
            middleware.add(Objects.requireNonNull(m, "middleware"));
            return this;
        }

        public Builder store(ObjectStore s) {
            this.store = Objects.requireNonNull(s, "store");
            return this;
        }

        public Builder authenticator(Authenticator a) {
            this.authenticator = Objects.requireNonNull(a, "authenticator");
            return this;
        }

        public Builder admins(Set<String> identities) {
            identities.forEach(i -> admins.add(Objects.requireNonNull(i, "admin identity")));
            return this;
        }

        public Builder maxBatchItems(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxBatchItems: " + max + " (expected: >= 1)");
            }
            this.maxBatchItems = max;
            return this;
        }

        /** The most attributes one request may carry (see {@link #countAttributes}); more are Server Limit Exceeded. */
        public Builder maxAttributes(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxAttributes: " + max + " (expected: >= 1)");
            }
            this.maxAttributes = max;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Where every answered batch item is recorded (nowhere by default). */
        public Builder audit(AuditLog log) {
            this.audit = Objects.requireNonNull(log, "audit");
            return this;
        }

        public MessageDispatcher build() {
            if (store == null) {
                throw new IllegalStateException("store: not set");
            }
            return new MessageDispatcher(this);
        }
    }
}
