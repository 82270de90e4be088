package io.kmipstack.client;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.payload.ActivateResponsePayload;
import io.kmipstack.codec.payload.AddAttributeResponsePayload;
import io.kmipstack.codec.payload.ArchiveResponsePayload;
import io.kmipstack.codec.payload.CheckResponsePayload;
import io.kmipstack.codec.payload.CreateKeyPairResponsePayload;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.DecryptResponsePayload;
import io.kmipstack.codec.payload.DeleteAttributeResponsePayload;
import io.kmipstack.codec.payload.DeriveKeyResponsePayload;
import io.kmipstack.codec.payload.DestroyResponsePayload;
import io.kmipstack.codec.payload.DiscoverVersionsResponsePayload;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.payload.ExportResponsePayload;
import io.kmipstack.codec.payload.GetAttributeListResponsePayload;
import io.kmipstack.codec.payload.GetAttributesResponsePayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.HashResponsePayload;
import io.kmipstack.codec.payload.ImportResponsePayload;
import io.kmipstack.codec.payload.LocateResponsePayload;
import io.kmipstack.codec.payload.LogResponsePayload;
import io.kmipstack.codec.payload.MACResponsePayload;
import io.kmipstack.codec.payload.MACVerifyResponsePayload;
import io.kmipstack.codec.payload.ModifyAttributeResponsePayload;
import io.kmipstack.codec.payload.QueryResponsePayload;
import io.kmipstack.codec.payload.RNGRetrieveResponsePayload;
import io.kmipstack.codec.payload.ReKeyKeyPairResponsePayload;
import io.kmipstack.codec.payload.ReKeyResponsePayload;
import io.kmipstack.codec.payload.RecoverResponsePayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.RevokeResponsePayload;
import io.kmipstack.codec.payload.SetAttributeResponsePayload;
import io.kmipstack.codec.payload.SignResponsePayload;
import io.kmipstack.codec.payload.SignatureVerifyResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.QueryFunction;
import io.kmipstack.codec.registry.RevocationReasonCode;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** {@link KmipSync}: the asynchronous calls, awaited with the request timeout. */
final class SyncView implements KmipSync {

    private final ClientCore core;

    SyncView(ClientCore core) {
        this.core = core;
    }

    private <T> Function<CompletableFuture<T>, T> await() {
        return core::await;
    }

    private <T extends ResponsePayload> T send(KmipRequest<T> r) {
        return core.await(core.execute(r, MessageOptions.NONE));
    }

    @Override
    public CreateCall<CreateResponsePayload> create() {
        return new CreateCall<>(core, await());
    }

    @Override
    public CreateKeyPairCall<CreateKeyPairResponsePayload> createKeyPair() {
        return new CreateKeyPairCall<>(core, await());
    }

    @Override
    public RegisterCall<RegisterResponsePayload> register() {
        return new RegisterCall<>(core, await());
    }

    @Override
    public ReKeyCall<ReKeyResponsePayload> reKey() {
        return new ReKeyCall<>(core, await());
    }

    @Override
    public ReKeyKeyPairCall<ReKeyKeyPairResponsePayload> reKeyKeyPair() {
        return new ReKeyKeyPairCall<>(core, await());
    }

    @Override
    public DeriveKeyCall<DeriveKeyResponsePayload> deriveKey() {
        return new DeriveKeyCall<>(core, await());
    }

    @Override
    public LocateCall<LocateResponsePayload> locate() {
        return new LocateCall<>(core, await());
    }

    @Override
    public CheckCall<CheckResponsePayload> check() {
        return new CheckCall<>(core, await());
    }

    @Override
    public GetCall<GetResponsePayload> get() {
        return new GetCall<>(core, await());
    }

    @Override
    public GetResponsePayload get(String id) {
        return send(new GetCall<Void>(core, null).id(id).request());
    }

    @Override
    public GetAttributesCall<GetAttributesResponsePayload> getAttributes() {
        return new GetAttributesCall<>(core, await());
    }

    @Override
    public GetAttributesResponsePayload getAttributes(String id, String... names) {
        return send(new GetAttributesCall<Void>(core, null).id(id).names(names).request());
    }

    @Override
    public GetAttributeListResponsePayload getAttributeList(String id) {
        return send(KmipRequests.getAttributeList(id));
    }

    @Override
    public AddAttributeResponsePayload addAttribute(String id, KmipAttribute attribute) {
        return send(KmipRequests.addAttribute(id, attribute));
    }

    @Override
    public SetAttributeResponsePayload setAttribute(String id, KmipAttribute attribute) {
        return send(KmipRequests.setAttribute(id, attribute));
    }

    @Override
    public ModifyAttributeResponsePayload modifyAttribute(String id, KmipAttribute newValue) {
        return send(KmipRequests.modifyAttribute(id, newValue));
    }

    @Override
    public ModifyAttributeResponsePayload modifyAttribute(String id, KmipAttribute current, KmipAttribute newValue) {
        return send(KmipRequests.modifyAttribute(id, current, newValue));
    }

    @Override
    public DeleteAttributeResponsePayload deleteAttribute(String id, String name) {
        return send(KmipRequests.deleteAttribute(id, name));
    }

    @Override
    public DeleteAttributeResponsePayload deleteAttribute(String id, KmipAttribute current) {
        return send(KmipRequests.deleteAttribute(id, current));
    }

    @Override
    public ActivateResponsePayload activate(String id) {
        return send(KmipRequests.activate(id));
    }

    @Override
    public RevokeCall<RevokeResponsePayload> revoke() {
        return new RevokeCall<>(core, await());
    }

    @Override
    public RevokeResponsePayload revoke(String id, RevocationReasonCode reason) {
        return send(KmipRequests.revoke(id, reason));
    }

    @Override
    public DestroyResponsePayload destroy(String id) {
        return send(KmipRequests.destroy(id));
    }

    @Override
    public ArchiveResponsePayload archive(String id) {
        return send(KmipRequests.archive(id));
    }

    @Override
    public RecoverResponsePayload recover(String id) {
        return send(KmipRequests.recover(id));
    }

    @Override
    public QueryResponsePayload query(QueryFunction... functions) {
        return send(KmipRequests.query(functions));
    }

    @Override
    public DiscoverVersionsResponsePayload discoverVersions(KmipVersion... versions) {
        return send(KmipRequests.discoverVersions(versions));
    }

    @Override
    public EncryptCall<EncryptResponsePayload> encrypt() {
        return new EncryptCall<>(core, await());
    }

    @Override
    public DecryptCall<DecryptResponsePayload> decrypt() {
        return new DecryptCall<>(core, await());
    }

    @Override
    public SignCall<SignResponsePayload> sign() {
        return new SignCall<>(core, await());
    }

    @Override
    public SignatureVerifyCall<SignatureVerifyResponsePayload> signatureVerify() {
        return new SignatureVerifyCall<>(core, await());
    }

    @Override
    public MacCall<MACResponsePayload> mac() {
        return new MacCall<>(core, await());
    }

    @Override
    public MacVerifyCall<MACVerifyResponsePayload> macVerify() {
        return new MacVerifyCall<>(core, await());
    }

    @Override
    public HashCall<HashResponsePayload> hash() {
        return new HashCall<>(core, await());
    }

    @Override
    public RNGRetrieveResponsePayload rngRetrieve(int length) {
        return send(KmipRequests.rngRetrieve(length));
    }

    @Override
    public ImportCall<ImportResponsePayload> importObject() {
        return new ImportCall<>(core, await());
    }

    @Override
    public ExportCall<ExportResponsePayload> export() {
        return new ExportCall<>(core, await());
    }

    @Override
    public LogResponsePayload log(String message) {
        return send(KmipRequests.log(message));
    }

    @Override
    public <T extends ResponsePayload> T execute(KmipRequest<T> request) {
        return send(request);
    }

    @Override
    public BatchCall<BatchResult> batch() {
        return new BatchCall<>(core, await());
    }
}
