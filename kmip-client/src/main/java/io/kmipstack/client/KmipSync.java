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

/**
 * The blocking view of a {@link KmipClient}: each method sends through the same machinery as
 * {@link KmipClient#async()} and waits for the future, at most the request timeout. A failed
 * result is thrown as the {@link io.kmipstack.codec.KmipException} the future failed with (its
 * result reason typed, the server's message as the message); the client's own failures as
 * {@link KmipTimeoutException} and {@link KmipConnectionException}.
 */
public interface KmipSync {

    CreateCall<CreateResponsePayload> create();

    CreateKeyPairCall<CreateKeyPairResponsePayload> createKeyPair();

    RegisterCall<RegisterResponsePayload> register();

    ReKeyCall<ReKeyResponsePayload> reKey();

    ReKeyKeyPairCall<ReKeyKeyPairResponsePayload> reKeyKeyPair();

    DeriveKeyCall<DeriveKeyResponsePayload> deriveKey();

    LocateCall<LocateResponsePayload> locate();

    CheckCall<CheckResponsePayload> check();

    GetCall<GetResponsePayload> get();

    GetResponsePayload get(String id);

    GetAttributesCall<GetAttributesResponsePayload> getAttributes();

    GetAttributesResponsePayload getAttributes(String id, String... names);

    GetAttributeListResponsePayload getAttributeList(String id);

    AddAttributeResponsePayload addAttribute(String id, KmipAttribute attribute);

    SetAttributeResponsePayload setAttribute(String id, KmipAttribute attribute);

    ModifyAttributeResponsePayload modifyAttribute(String id, KmipAttribute newValue);

    ModifyAttributeResponsePayload modifyAttribute(String id, KmipAttribute current, KmipAttribute newValue);

    DeleteAttributeResponsePayload deleteAttribute(String id, String name);

    DeleteAttributeResponsePayload deleteAttribute(String id, KmipAttribute current);

    ActivateResponsePayload activate(String id);

    RevokeCall<RevokeResponsePayload> revoke();

    RevokeResponsePayload revoke(String id, RevocationReasonCode reason);

    DestroyResponsePayload destroy(String id);

    ArchiveResponsePayload archive(String id);

    RecoverResponsePayload recover(String id);

    QueryResponsePayload query(QueryFunction... functions);

    DiscoverVersionsResponsePayload discoverVersions(KmipVersion... versions);

    EncryptCall<EncryptResponsePayload> encrypt();

    DecryptCall<DecryptResponsePayload> decrypt();

    SignCall<SignResponsePayload> sign();

    SignatureVerifyCall<SignatureVerifyResponsePayload> signatureVerify();

    MacCall<MACResponsePayload> mac();

    MacVerifyCall<MACVerifyResponsePayload> macVerify();

    HashCall<HashResponsePayload> hash();

    RNGRetrieveResponsePayload rngRetrieve(int length);

    ImportCall<ImportResponsePayload> importObject();

    ExportCall<ExportResponsePayload> export();

    LogResponsePayload log(String message);

    /** Sends any prepared request, e.g. one made with {@link KmipRequest#of}. */
    <T extends ResponsePayload> T execute(KmipRequest<T> request);

    /** Several requests in one message. */
    BatchCall<BatchResult> batch();
}
