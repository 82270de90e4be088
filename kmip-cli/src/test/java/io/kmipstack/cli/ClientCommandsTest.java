package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.certs.DevPki;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.Name;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.NameType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands without a server: how failures read (one line, the KMIP result reason
 * first), usage errors, name parsing, and the JSON form of responses.
 */
class ClientCommandsTest {

    @TempDir
    static Path pkiDir;

    @BeforeAll
    static void pki() throws Exception {
        DevPki.builder().build().writeTo(pkiDir);
    }

    static String[] withTls(String... args) {
        String[] out = new String[args.length + 6];
        System.arraycopy(args, 0, out, 0, args.length);
        int i = args.length;
        out[i++] = "--ca";
        out[i++] = pkiDir.resolve(DevPki.CA_PEM).toString();
        out[i++] = "--cert";
        out[i++] = pkiDir.resolve(DevPki.CLIENT_PEM).toString();
        out[i++] = "--key";
        out[i] = pkiDir.resolve(DevPki.CLIENT_KEY).toString();
        return out;
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableServerIsOneLineWithTheReasonFirst() throws Exception {
        int port = closedPort();
        CliRun r = CliRun.of(withTls("create", "--server", "127.0.0.1:" + port, "--timeout", "5s"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("kmip: GeneralFailure: connect to 127.0.0.1:" + port + ": ").endsWith("\n");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void withoutTlsOptionsTheDevPkiIsExpectedUnderTheHome(@TempDir Path home) {
        String previous = System.getProperty(KmipCli.HOME_PROPERTY);
        System.setProperty(KmipCli.HOME_PROPERTY, home.toString());
        try {
            CliRun r = CliRun.of("query");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("kmip: " + home.resolve("certs/dev/ca.pem")
                    + ": no such file (give --ca, or create a dev PKI with 'kmip certs init')\n");
        } finally {
            if (previous == null) {
                System.clearProperty(KmipCli.HOME_PROPERTY);
            } else {
                System.setProperty(KmipCli.HOME_PROPERTY, previous);
            }
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun reason = CliRun.of(withTls("revoke", "--server", "127.0.0.1:1", "--id", "k", "--reason", "Bored"));
        assertThat(reason.code()).isEqualTo(2);
        assertThat(reason.err()).startsWith("kmip: --reason Bored (expected: one of Unspecified, KeyCompromise, CACompromise,");

        CliRun noData = CliRun.of(withTls("encrypt", "--server", "127.0.0.1:1", "--id", "k"));
        assertThat(noData.code()).isEqualTo(2);
        assertThat(noData.err()).isEqualTo("kmip: data: give exactly one of --in FILE, --in - or --hex HEX\n");

        CliRun version = CliRun.of(withTls("query", "--kmip-version", "3.7"));
        assertThat(version.code()).isEqualTo(2);
        assertThat(version.err()).startsWith("kmip: --kmip-version 3.7: KMIP version: 3.7 (expected: one of");

        CliRun timeout = CliRun.of(withTls("query", "--timeout", "soon"));
        assertThat(timeout.code()).isEqualTo(2);
        assertThat(timeout.err()).isEqualTo("kmip: --timeout soon (expected: 30s, 500ms, 2m or a number of seconds)\n");

        CliRun missing = CliRun.of(withTls("get"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("kmip: Missing required option: '--id=UID'");
    }

    @Test
    void namesAreReadInSpecAndConstantSpellings() {
        assertThat(KmipNames.parse("RevocationReasonCode", "CessationOfOperation", RevocationReasonCode::valueOf, "--reason"))
                .isEqualTo(RevocationReasonCode.CESSATION_OF_OPERATION);
        assertThat(KmipNames.parse("RevocationReasonCode", "CESSATION_OF_OPERATION", RevocationReasonCode::valueOf, "--reason"))
                .isEqualTo(RevocationReasonCode.CESSATION_OF_OPERATION);
        assertThat(KmipNames.parse("CryptographicAlgorithm", "aes", CryptographicAlgorithm::valueOf, "--algorithm"))
                .isEqualTo(CryptographicAlgorithm.AES);
        assertThat(KmipNames.parse("CryptographicAlgorithm", "0x80000001", CryptographicAlgorithm::valueOf, "--algorithm").value())
                .isEqualTo(0x80000001);
        assertThat(KmipNames.mask("CryptographicUsageMask", List.of("Encrypt,Decrypt", "MACGenerate"), "--usage"))
                .isEqualTo(0x04 | 0x08 | 0x80);
        assertThat(ConnectionOptions.duration("500ms", "--timeout")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConnectionOptions.duration("2m", "--timeout")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConnectionOptions.duration("PT1H", "--timeout")).isEqualTo(Duration.ofHours(1));
        assertThat(ConnectionOptions.duration("7", "--timeout")).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void jsonUsesCamelCaseNamesEnumNamesAndHexBytes() {
        String create = JsonOutput.write(new CreateResponsePayload(ObjectType.SYMMETRIC_KEY, UniqueIdentifier.of("k-1"), null));
        assertThat(create).isEqualTo("{\n  \"objectType\" : \"SymmetricKey\",\n  \"uniqueIdentifier\" : \"k-1\"\n}");

        GetResponsePayload get = new GetResponsePayload(ObjectType.SYMMETRIC_KEY, UniqueIdentifier.of("k-1"),
                new SymmetricKey(new KeyBlock(KeyFormatType.RAW, null, KeyValue.of(KeyMaterial.of(Bytes.fromHex("00FF10"))),
                        CryptographicAlgorithm.AES, 24, null)));
        String json = JsonOutput.write(get);
        assertThat(json).contains("\"keyFormatType\" : \"Raw\"", "\"bytes\" : \"00FF10\"", "\"cryptographicAlgorithm\" : \"AES\"",
                "\"cryptographicLength\" : 24");
    }

    @Test
    void rawTtlvValuesArePlainValuesByTagName() {
        Ttlv name = new Name("k1", NameType.UNINTERPRETED_TEXT_STRING).encode(Tag.NAME, KmipVersion.V1_4);
        assertThat(JsonOutput.plain(name)).isEqualTo(Map.of("nameValue", "k1", "nameType", "UninterpretedTextString"));
        assertThat(JsonOutput.plain(Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x0C))).isEqualTo("Encrypt Decrypt");
        assertThat(JsonOutput.plain(Ttlv.enumeration(Tag.OBJECT_TYPE, 2))).isEqualTo("SymmetricKey");
        assertThat(GetAttributesCommand.text(JsonOutput.plain(name))).isEqualTo("nameValue=k1, nameType=UninterpretedTextString");
    }
}
