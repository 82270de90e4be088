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

/**
 * The asynchronous view of a {@link KmipClient}: every method returns at once, with a
 * {@link CompletableFuture} (from {@code execute()} for the fluent calls) that completes with the
 * typed response payload, or exceptionally with a {@link io.kmipstack.codec.KmipException} carrying
 * the server's result reason and message ({@link KmipTimeoutException}, {@link KmipConnectionException}
 * for the client's own failures). Futures complete on the client's I/O threads: do not block in
 * their callbacks. Operations missing from the negotiated version fail before anything is sent.
 */
public interface KmipAsync {

    CreateCall<CompletableFuture<CreateResponsePayload>> create();

    CreateKeyPairCall<CompletableFuture<CreateKeyPairResponsePayload>> createKeyPair();

    RegisterCall<CompletableFuture<RegisterResponsePayload>> register();

    ReKeyCall<CompletableFuture<ReKeyResponsePayload>> reKey();

    ReKeyKeyPairCall<CompletableFuture<ReKeyKeyPairResponsePayload>> reKeyKeyPair();

    DeriveKeyCall<CompletableFuture<DeriveKeyResponsePayload>> deriveKey();

    LocateCall<CompletableFuture<LocateResponsePayload>> locate();

    CheckCall<CompletableFuture<CheckResponsePayload>> check();

    GetCall<CompletableFuture<GetResponsePayload>> get();

    CompletableFuture<GetResponsePayload> get(String id);

    GetAttributesCall<CompletableFuture<GetAttributesResponsePayload>> getAttributes();

    CompletableFuture<GetAttributesResponsePayload> getAttributes(String id, String... names);

    CompletableFuture<GetAttributeListResponsePayload> getAttributeList(String id);

    CompletableFuture<AddAttributeResponsePayload> addAttribute(String id, KmipAttribute attribute);

    CompletableFuture<SetAttributeResponsePayload> setAttribute(String id, KmipAttribute attribute);

    CompletableFuture<ModifyAttributeResponsePayload> modifyAttribute(String id, KmipAttribute newValue);

    CompletableFuture<ModifyAttributeResponsePayload> modifyAttribute(String id, KmipAttribute current, KmipAttribute newValue);

    CompletableFuture<DeleteAttributeResponsePayload> deleteAttribute(String id, String name);

    CompletableFuture<DeleteAttributeResponsePayload> deleteAttribute(String id, KmipAttribute current);

    CompletableFuture<ActivateResponsePayload> activate(String id);

    RevokeCall<CompletableFuture<RevokeResponsePayload>> revoke();

    CompletableFuture<RevokeResponsePayload> revoke(String id, RevocationReasonCode reason);

    CompletableFuture<DestroyResponsePayload> destroy(String id);

    CompletableFuture<ArchiveResponsePayload> archive(String id);

    CompletableFuture<RecoverResponsePayload> recover(String id);

    CompletableFuture<QueryResponsePayload> query(QueryFunction... functions);

    CompletableFuture<DiscoverVersionsResponsePayload> discoverVersions(KmipVersion... versions);

    EncryptCall<CompletableFuture<EncryptResponsePayload>> encrypt();

    DecryptCall<CompletableFuture<DecryptResponsePayload>> decrypt();

    SignCall<CompletableFuture<SignResponsePayload>> sign();

    SignatureVerifyCall<CompletableFuture<SignatureVerifyResponsePayload>> signatureVerify();

    MacCall<CompletableFuture<MACResponsePayload>> mac();

    MacVerifyCall<CompletableFuture<MACVerifyResponsePayload>> macVerify();

    HashCall<CompletableFuture<HashResponsePayload>> hash();

    CompletableFuture<RNGRetrieveResponsePayload> rngRetrieve(int length);

    ImportCall<CompletableFuture<ImportResponsePayload>> importObject();

    ExportCall<CompletableFuture<ExportResponsePayload>> export();

    CompletableFuture<LogResponsePayload> log(String message);

    /** Sends any prepared request, e.g. one made with {@link KmipRequest#of}. */
    <T extends ResponsePayload> CompletableFuture<T> execute(KmipRequest<T> request);

    /** Several requests in one message. */
    BatchCall<CompletableFuture<BatchResult>> batch();
}
