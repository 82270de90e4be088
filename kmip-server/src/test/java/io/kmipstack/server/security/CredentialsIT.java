package io.kmipstack.server.security;

import static io.kmipstack.server.security.Conversation.createKey;
import static io.kmipstack.server.security.Conversation.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.KmipServer;
import io.kmipstack.server.UserAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Header credentials (Username and Password) on top of mutual TLS, in every protocol version:
 * each way of getting them wrong (no Authentication, unknown user, wrong password, a password that
 * is a prefix of the right one or differs only in its last character or its case, the right
 * password for another user, one right and one wrong credential) gets the same answer item for
 * item: Authentication Not Successful with one fixed message, so the answer never tells which
 * part was wrong; every item of a batch is refused and nothing is created. The comparison itself
 * is constant-time by construction (SHA-256 digests compared with MessageDigest.isEqual, a dummy
 * digest for unknown users); docs/security.md says why there is no timing test.
 */
class CredentialsIT {

    static KmipServer server;

    @BeforeAll
    static void start() {
        server = Tls.server(b -> b.users(new UserAccount("carol", "correct horse"), new UserAccount("dave", "battery staple")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyWrongCredentialGetsTheSameRefusalInEveryVersion() throws IOException {
        for (KmipVersion v : KmipVersion.SUPPORTED) {
            try (SSLSocket s = Tls.connect(server.port(), Tls.PKI.client("alice"))) {
                Map<String, List<ResponseBatchItem>> answers = new LinkedHashMap<>();
                answers.put("none", send(s, v, ""));
                answers.put("unknown user", send(s, v, password("mallory", "correct horse")));
                answers.put("wrong password", send(s, v, password("carol", "wrong")));
                answers.put("prefix", send(s, v, password("carol", "correct hors")));
                answers.put("last character", send(s, v, password("carol", "correct horsf")));
                answers.put("case", send(s, v, password("carol", "Correct horse")));
                answers.put("another user's password", send(s, v, password("carol", "battery staple")));
                answers.put("one of two wrong", send(s, v, password("carol", "correct horse") + password("dave", "wrong")));
                List<ResponseBatchItem> first = answers.get("none");
                assertThat(first).hasSize(2);
                for (ResponseBatchItem bi : first) {
                    assertThat(bi.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
                    assertThat(bi.resultReason()).isEqualTo(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL);
                    assertThat(bi.responsePayload()).isNull();
                }
                answers.forEach((how, items) -> assertThat(items).as("%s in %s", how, v).isEqualTo(first));

                // Control: the right credential is served.
                List<ResponseBatchItem> ok = send(s, v, password("carol", "correct horse"));
                assertThat(ok).allSatisfy(bi -> assertThat(bi.resultStatus()).as("%s", bi.resultMessage()).isEqualTo(ResultStatus.SUCCESS));
            }
        }
    }

    private static List<ResponseBatchItem> send(SSLSocket s, KmipVersion v, String credentials) throws IOException {
        String auth = credentials.isEmpty() ? "" : "<Authentication>" + credentials + "</Authentication>";
        String xml = "<RequestMessage><RequestHeader><ProtocolVersion><ProtocolVersionMajor type=\"Integer\" value=\""
                + v.major() + "\"/><ProtocolVersionMinor type=\"Integer\" value=\"" + v.minor() + "\"/></ProtocolVersion>"
                + auth + "<BatchCount type=\"Integer\" value=\"2\"/></RequestHeader>"
                + createKey(v, "k-" + System.nanoTime()) + item("Query", "<QueryFunction type=\"Enumeration\" value=\"QueryOperations\"/>")
                + "</RequestMessage>";
        return new ArrayList<>(ResponseMessage.decode(Tls.exchange(s, KmipXml.read(xml))).batchItem());
    }

    private static String password(String user, String password) {
        return "<Credential><CredentialType type=\"Enumeration\" value=\"UsernameAndPassword\"/><CredentialValue>"
                + "<Username type=\"TextString\" value=\"" + user + "\"/><Password type=\"TextString\" value=\"" + password
                + "\"/></CredentialValue></Credential>";
    }
}
