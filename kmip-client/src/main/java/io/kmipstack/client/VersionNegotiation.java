package io.kmipstack.client;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.payload.DiscoverVersionsResponsePayload;
import io.kmipstack.codec.payload.QueryRequestPayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.ResponsePayloads;
import io.kmipstack.codec.payload.RawPayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.QueryFunction;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the protocol version for one endpoint on a fresh connection. The client sends Discover
 * Versions (KMIP 1.4 section 4.26) in its preferred version, listing its allowed versions highest
 * first, and takes the preferred version if the server lists it, else the highest allowed version
 * the server lists. A server that answers with a failure (Operation Not Supported, Invalid
 * Message, Unsupported Protocol Version, ...), sends something undecodable, or closes the
 * connection is asked again one allowed version lower, on a new connection if needed; KMIP 1.0
 * has no Discover Versions, so that last step is a Query, whose success means 1.0 is spoken.
 * A timeout ends the negotiation: a server that does not answer is not going to answer the next
 * version either. Without negotiation, or with one allowed version, the preferred version is
 * used as it is.
 */
final class VersionNegotiation {

    private static final Logger log = LoggerFactory.getLogger(VersionNegotiation.class);

    private final ClientCore core;
    private final KmipEndpoint endpoint;
    private final List<KmipVersion> attempts;
    private final CompletableFuture<Connection> result = new CompletableFuture<>();
    private final List<String> refusals = new ArrayList<>();

    private VersionNegotiation(ClientCore core, KmipEndpoint endpoint) {
        this.core = core;
        this.endpoint = endpoint;
        KmipClientOptions o = core.options();
        List<KmipVersion> a = new ArrayList<>();
        a.add(o.preferredVersion());
        for (KmipVersion v : o.allowedVersions()) {
            if (v.compareTo(o.preferredVersion()) < 0) {
                a.add(v);
            }
        }
        this.attempts = a;
    }

    /** A connection to {@code endpoint} whose {@link Connection#version()} is settled. */
    static CompletableFuture<Connection> run(ClientCore core, KmipEndpoint endpoint) {
        KmipClientOptions o = core.options();
        if (!o.negotiateVersion() || o.allowedVersions().size() == 1) {
            return core.connect(endpoint).thenApply(c -> c.version(o.preferredVersion()));
        }
        VersionNegotiation n = new VersionNegotiation(core, endpoint);
        core.connect(endpoint).whenComplete((c, e) -> {
            if (e != null) {
                n.result.completeExceptionally(ClientCore.unwrap(e));
            } else {
                n.attempt(c, 0);
            }
        });
        return n.result;
    }

    private void attempt(Connection c, int index) {
        if (index == attempts.size()) {
            c.close();
            result.completeExceptionally(new KmipException(ResultStatus.OPERATION_FAILED, ResultReason.GENERAL_FAILURE,
                    endpoint + " accepts none of the allowed KMIP versions " + core.options().allowedVersions() + ": "
                            + String.join("; ", refusals)));
            return;
        }
        if (!c.isActive()) {
            core.connect(endpoint).whenComplete((fresh, e) -> {
                if (e != null) {
                    result.completeExceptionally(ClientCore.unwrap(e));
                } else {
                    attempt(fresh, index);
                }
            });
            return;
        }
        KmipVersion v = attempts.get(index);
        boolean discover = v.atLeast(KmipVersion.V1_1);
        Operation op = discover ? Operation.DISCOVER_VERSIONS : Operation.QUERY;
        RequestPayload payload = discover
                ? new DiscoverVersionsRequestPayload(protocolVersions())
                : new QueryRequestPayload(List.of(QueryFunction.QUERY_OPERATIONS), null);
        byte[] request;
        try {
            request = core.encode(v, List.of(new RequestBatchItem(op, null, null, payload, List.of())), MessageOptions.NONE);
        } catch (KmipException e) {
            // The header cannot be said in this version (say, a Device credential in 1.0).
            refusals.add(v + ": " + e.getMessage());
            attempt(c, index + 1);
            return;
        }
        log.debug("{}: {} in KMIP {}", endpoint, op, v);
        core.exchangeWithTimeout(c, request).whenComplete((response, e) -> {
            if (e != null) {
                Throwable cause = ClientCore.unwrap(e);
                if (cause instanceof KmipTimeoutException) {
                    c.close();
                    result.completeExceptionally(cause);
                    return;
                }
                refusals.add(v + ": " + cause.getMessage());
                attempt(c, index + 1);
                return;
            }
            KmipVersion chosen;
            try {
                chosen = choose(v, op, response);
            } catch (KmipException refused) {
                refusals.add(v + ": " + refused.resultReason() + ": " + refused.getMessage());
                attempt(c, index + 1);
                return;
            }
            if (chosen == null) {
                c.close();
                result.completeExceptionally(new KmipException(ResultStatus.OPERATION_FAILED, ResultReason.GENERAL_FAILURE,
                        endpoint + " supports none of the allowed KMIP versions " + core.options().allowedVersions()));
                return;
            }
            result.complete(c.version(chosen));
        });
    }

    private List<ProtocolVersion> protocolVersions() {
        List<ProtocolVersion> out = new ArrayList<>();
        for (KmipVersion v : core.options().allowedVersions()) {
            out.add(new ProtocolVersion(v.major(), v.minor()));
        }
        return out;
    }

    /**
     * The version to speak after {@code response}, or null when the server lists none of ours.
     *
     * @throws KmipException when the server refused the request or its answer is unusable
     */
    private KmipVersion choose(KmipVersion sent, Operation op, Ttlv response) {
        ResponseMessage m = ResponseMessage.decode(response);
        ResponseBatchItem item = m.batchItem().get(0);
        if (!ResultStatus.SUCCESS.equals(item.resultStatus())) {
            ResultReason reason = item.resultReason() != null ? item.resultReason() : ResultReason.GENERAL_FAILURE;
            throw new KmipException(item.resultStatus(), reason, item.resultMessage() != null ? item.resultMessage() : reason.name());
        }
        if (op.equals(Operation.QUERY)) {
            return sent;
        }
        ResponsePayload p = item.responsePayload();
        if (p == null || p instanceof RawPayload) {
            p = ResponsePayloads.decode(Operation.DISCOVER_VERSIONS,
                    p == null ? Ttlv.structure(io.kmipstack.codec.registry.Tag.RESPONSE_PAYLOAD) : ((RawPayload) p).item());
        }
        List<KmipVersion> offered = new ArrayList<>();
        for (ProtocolVersion pv : ((DiscoverVersionsResponsePayload) p).protocolVersions()) {
            offered.add(new KmipVersion(pv.protocolVersionMajor(), pv.protocolVersionMinor()));
        }
        KmipClientOptions o = core.options();
        if (offered.isEmpty()) {
            // An empty list means the server supports none of the versions we listed (1.4 section 4.26).
            return null;
        }
        if (offered.contains(o.preferredVersion())) {
            return o.preferredVersion();
        }
        for (KmipVersion v : o.allowedVersions()) { // highest first
            if (offered.contains(v)) {
                return v;
            }
        }
        return null;
    }
}
