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

/** {@link KmipAsync} on a {@link ClientCore}: each future is the core's own. */
final class AsyncView implements KmipAsync {

    private final ClientCore core;

    AsyncView(ClientCore core) {
        this.core = core;
    }

    private static <T> Function<CompletableFuture<T>, CompletableFuture<T>> identity() {
        return f -> f;
    }

    private <T extends ResponsePayload> CompletableFuture<T> send(KmipRequest<T> r) {
        return core.execute(r, MessageOptions.NONE);
    }

    @Override
    public CreateCall<CompletableFuture<CreateResponsePayload>> create() {
        return new CreateCall<>(core, identity());
    }

    @Override
    public CreateKeyPairCall<CompletableFuture<CreateKeyPairResponsePayload>> createKeyPair() {
        return new CreateKeyPairCall<>(core, identity());
    }

    @Override
    public RegisterCall<CompletableFuture<RegisterResponsePayload>> register() {
        return new RegisterCall<>(core, identity());
    }

    @Override
    public ReKeyCall<CompletableFuture<ReKeyResponsePayload>> reKey() {
        return new ReKeyCall<>(core, identity());
    }

    @Override
    public ReKeyKeyPairCall<CompletableFuture<ReKeyKeyPairResponsePayload>> reKeyKeyPair() {
        return new ReKeyKeyPairCall<>(core, identity());
    }

    @Override
    public DeriveKeyCall<CompletableFuture<DeriveKeyResponsePayload>> deriveKey() {
        return new DeriveKeyCall<>(core, identity());
    }

    @Override
    public LocateCall<CompletableFuture<LocateResponsePayload>> locate() {
        return new LocateCall<>(core, identity());
    }

    @Override
    public CheckCall<CompletableFuture<CheckResponsePayload>> check() {
        return new CheckCall<>(core, identity());
    }

    @Override
    public GetCall<CompletableFuture<GetResponsePayload>> get() {
        return new GetCall<>(core, identity());
    }

    @Override
    public CompletableFuture<GetResponsePayload> get(String id) {
        return send(new GetCall<Void>(core, null).id(id).request());
    }

    @Override
    public GetAttributesCall<CompletableFuture<GetAttributesResponsePayload>> getAttributes() {
        return new GetAttributesCall<>(core, identity());
    }

    @Override
    public CompletableFuture<GetAttributesResponsePayload> getAttributes(String id, String... names) {
        return send(new GetAttributesCall<Void>(core, null).id(id).names(names).request());
    }

    @Override
    public CompletableFuture<GetAttributeListResponsePayload> getAttributeList(String id) {
        return send(KmipRequests.getAttributeList(id));
    }

    @Override
    public CompletableFuture<AddAttributeResponsePayload> addAttribute(String id, KmipAttribute attribute) {
        return send(KmipRequests.addAttribute(id, attribute));
    }

    @Override
    public CompletableFuture<SetAttributeResponsePayload> setAttribute(String id, KmipAttribute attribute) {
        return send(KmipRequests.setAttribute(id, attribute));
    }

    @Override
    public CompletableFuture<ModifyAttributeResponsePayload> modifyAttribute(String id, KmipAttribute newValue) {
        return send(KmipRequests.modifyAttribute(id, newValue));
    }

    @Override
    public CompletableFuture<ModifyAttributeResponsePayload> modifyAttribute(String id, KmipAttribute current, KmipAttribute newValue) {
        return send(KmipRequests.modifyAttribute(id, current, newValue));
    }

    @Override
    public CompletableFuture<DeleteAttributeResponsePayload> deleteAttribute(String id, String name) {
        return send(KmipRequests.deleteAttribute(id, name));
    }

    @Override
    public CompletableFuture<DeleteAttributeResponsePayload> deleteAttribute(String id, KmipAttribute current) {
        return send(KmipRequests.deleteAttribute(id, current));
    }

    @Override
    public CompletableFuture<ActivateResponsePayload> activate(String id) {
        return send(KmipRequests.activate(id));
    }

    @Override
    public RevokeCall<CompletableFuture<RevokeResponsePayload>> revoke() {
        return new RevokeCall<>(core, identity());
    }

    @Override
    public CompletableFuture<RevokeResponsePayload> revoke(String id, RevocationReasonCode reason) {
        return send(KmipRequests.revoke(id, reason));
    }

    @Override
    public CompletableFuture<DestroyResponsePayload> destroy(String id) {
        return send(KmipRequests.destroy(id));
    }

    @Override
    public CompletableFuture<ArchiveResponsePayload> archive(String id) {
        return send(KmipRequests.archive(id));
    }

    @Override
    public CompletableFuture<RecoverResponsePayload> recover(String id) {
        return send(KmipRequests.recover(id));
    }

    @Override
    public CompletableFuture<QueryResponsePayload> query(QueryFunction... functions) {
        return send(KmipRequests.query(functions));
    }

    @Override
    public CompletableFuture<DiscoverVersionsResponsePayload> discoverVersions(KmipVersion... versions) {
        return send(KmipRequests.discoverVersions(versions));
    }

    @Override
    public EncryptCall<CompletableFuture<EncryptResponsePayload>> encrypt() {
        return new EncryptCall<>(core, identity());
    }

    @Override
    public DecryptCall<CompletableFuture<DecryptResponsePayload>> decrypt() {
        return new DecryptCall<>(core, identity());
    }

    @Override
    public SignCall<CompletableFuture<SignResponsePayload>> sign() {
        return new SignCall<>(core, identity());
    }

    @Override
    public SignatureVerifyCall<CompletableFuture<SignatureVerifyResponsePayload>> signatureVerify() {
        return new SignatureVerifyCall<>(core, identity());
    }

    @Override
    public MacCall<CompletableFuture<MACResponsePayload>> mac() {
        return new MacCall<>(core, identity());
    }

    @Override
    public MacVerifyCall<CompletableFuture<MACVerifyResponsePayload>> macVerify() {
        return new MacVerifyCall<>(core, identity());
    }

    @Override
    public HashCall<CompletableFuture<HashResponsePayload>> hash() {
        return new HashCall<>(core, identity());
    }

    @Override
    public CompletableFuture<RNGRetrieveResponsePayload> rngRetrieve(int length) {
        return send(KmipRequests.rngRetrieve(length));
    }

    @Override
    public ImportCall<CompletableFuture<ImportResponsePayload>> importObject() {
        return new ImportCall<>(core, identity());
    }

    @Override
    public ExportCall<CompletableFuture<ExportResponsePayload>> export() {
        return new ExportCall<>(core, identity());
    }

    @Override
    public CompletableFuture<LogResponsePayload> log(String message) {
        return send(KmipRequests.log(message));
    }

    @Override
    public <T extends ResponsePayload> CompletableFuture<T> execute(KmipRequest<T> request) {
        return send(request);
    }

    @Override
    public BatchCall<CompletableFuture<BatchResult>> batch() {
        return new BatchCall<>(core, identity());
    }
}
