package io.kmipstack.server;

import static io.kmipstack.server.MessageLayerIT.assertFailed;
import static io.kmipstack.server.MessageLayerIT.pv;
import static io.kmipstack.server.Requests.create;
import static io.kmipstack.server.Requests.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.Authentication;
import io.kmipstack.codec.model.Credential;
import io.kmipstack.codec.model.CredentialValue;
import io.kmipstack.codec.model.DeviceCredential;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.UsernameAndPasswordCredential;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.registry.CredentialType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Username and Password and Device credentials, checked on top of mutual TLS. */
class CredentialsIT {

    static final UserAccount CAROL = new UserAccount("carol", "correct horse");
    static final DeviceAccount TAPE = new DeviceAccount("tape-7", "SN-7", null, null, null, null, "drive secret");

    static ResponseBatchItem createWith(KmipServer server, Credential... credentials) throws IOException {
        Authentication auth = credentials.length == 0 ? null : new Authentication(List.of(credentials));
        RequestHeader h = new RequestHeader(pv(1, 4), null, null, null, null, null, null, null, auth, null, null, null, 1);
        try (RawClient c = RawClient.connect(server.port(), TestPki.PKI.client("alice"))) {
            c.send(message(h, create("01")).encode(KmipVersion.V1_4));
            return c.receiveResponse().batchItem().get(0);
        }
    }

    static Credential password(String user, String password) {
        return credential(CredentialType.USERNAME_AND_PASSWORD, new UsernameAndPasswordCredential(user, password));
    }

    static Credential credential(CredentialType type, CredentialValue value) {
        return new Credential(type, value);
    }

    @Test
    void configuredCredentialsAreRequiredAndCheckedWithoutSayingWhatWasWrong() throws IOException {
        TestStore store = new TestStore();
        try (KmipServer server = KmipServer.builder().port(0).tls(TestPki.serverTls()).store(store)
                .handlers(Requests.FAKES).users(CAROL).devices(TAPE).start()) {
            ResponseBatchItem ok = createWith(server, password("carol", "correct horse"));
            ResponseBatchItem wrongPassword = createWith(server, password("carol", "wrong"));
            ResponseBatchItem unknownUser = createWith(server, password("mallory", "correct horse"));
            ResponseBatchItem none = createWith(server);
            ResponseBatchItem device = createWith(server, credential(CredentialType.DEVICE,
                    new DeviceCredential("SN-7", "drive secret", null, null, null, null)));
            ResponseBatchItem deviceWrong = createWith(server, credential(CredentialType.DEVICE,
                    new DeviceCredential("SN-7", "guess", null, null, null, null)));
            ResponseBatchItem oneOfTwoWrong = createWith(server, password("carol", "correct horse"),
                    password("carol", "wrong"));

            assertThat(ok.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            assertThat(device.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            for (ResponseBatchItem refused : List.of(wrongPassword, unknownUser, none, deviceWrong, oneOfTwoWrong)) {
                assertFailed(refused, ResultReason.AUTHENTICATION_NOT_SUCCESSFUL);
                assertThat(refused.resultMessage()).isEqualTo(wrongPassword.resultMessage());
            }
            // Without credentialNamesRequester the certificate still names the owner.
            String id = ((CreateResponsePayload) ok.responsePayload()).uniqueIdentifier().toString();
            assertThat(store.get(id).orElseThrow().owner()).isEqualTo("alice");
        }
    }

    @Test
    void theCredentialCanNameTheRequester() throws IOException {
        TestStore store = new TestStore();
        try (KmipServer server = KmipServer.builder().port(0).tls(TestPki.serverTls()).store(store)
                .handlers(Requests.FAKES).users(CAROL).credentialNamesRequester(true).start()) {
            ResponseBatchItem ok = createWith(server, password("carol", "correct horse"));

            String id = ((CreateResponsePayload) ok.responsePayload()).uniqueIdentifier().toString();
            assertThat(store.get(id).orElseThrow().owner()).isEqualTo("carol");
        }
    }

    @Test
    void withoutConfiguredAccountsCredentialsAreIgnored() throws IOException {
        try (KmipServer server = KmipServer.builder().port(0).tls(TestPki.serverTls()).store(new TestStore())
                .handlers(Requests.FAKES).start()) {
            assertThat(createWith(server, password("anyone", "anything")).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        }
    }
}
