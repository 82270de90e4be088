package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.certs.DevPki;
import io.kmipstack.client.testing.PyKmipServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a PyKMIP server, as a user would chain them: identifiers printed by
 * one command feed the next, files carry data in and out, and results are checked with the JDK's
 * own AES, HMAC and RSA under the key material the commands fetched.
 */
class ClientCommandsIT {

    @TempDir
    static Path dir;

    private static PyKmipServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Assumptions.assumeTrue(PyKmipServer.installed(), "PyKMIP is not installed (bin/test installs Debian python3-pykmip)");
        server = PyKmipServer.start(dir, DevPki.builder().build());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static CliRun kmip(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", "127.0.0.1:" + server.port(), "--kmip-version", "1.2", "--timeout", "30s",
                "--ca", dir.resolve(DevPki.CA_PEM).toString(),
                "--cert", dir.resolve(DevPki.CLIENT_PEM).toString(),
                "--key", dir.resolve(DevPki.CLIENT_KEY).toString()));
        return CliRun.of(all.toArray(new String[0]));
    }

    static String ok(CliRun r) {
        assertThat(r.code()).as("exit status; stderr: %s", r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r.out();
    }

    static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in " + out)).substring(prefix.length()).strip();
    }

    @Test
    void symmetricKeyFromCreateToDestroy() throws Exception {
        String name = "cli-" + UUID.randomUUID();
        String id = ok(kmip("create", "--algorithm", "AES", "--length", "256", "--name", name)).strip();

        assertThat(ok(kmip("locate", "--name", name)).strip()).isEqualTo(id);
        String attrs = ok(kmip("get-attributes", "--id", id));
        assertThat(attrs).contains("Cryptographic Algorithm: AES", "Cryptographic Length: 256", "State: PreActive",
                "Name: nameValue=" + name + ", nameType=UninterpretedTextString", "Cryptographic Usage Mask: Encrypt Decrypt");

        Path keyFile = dir.resolve("key.bin");
        String described = ok(kmip("get", "--id", id, "--out", keyFile.toString()));
        assertThat(described).contains("object type:       SymmetricKey", "algorithm:         AES", "length:            256");
        byte[] key = Files.readAllBytes(keyFile);
        assertThat(key).hasSize(32);

        ok(kmip("activate", "--id", id));
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "attack at dawn, bring snacks", StandardCharsets.US_ASCII);
        Path cipher = dir.resolve("cipher.bin");
        String iv = "000102030405060708090A0B0C0D0E0F";
        ok(kmip("encrypt", "--id", id, "--algorithm", "AES", "--mode", "CBC", "--padding", "PKCS5", "--iv", iv,
                "--in", plain.toString(), "--out", cipher.toString()));
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(HexFormat.of().parseHex(iv)));
        assertThat(Files.readAllBytes(cipher)).isEqualTo(aes.doFinal(Files.readAllBytes(plain)));

        String decrypted = ok(kmip("decrypt", "--id", id, "--algorithm", "AES", "--mode", "CBC", "--padding", "PKCS5", "--iv", iv,
                "--in", cipher.toString()));
        assertThat(new String(HexFormat.of().parseHex(line(decrypted, "data:")), StandardCharsets.US_ASCII))
                .isEqualTo("attack at dawn, bring snacks");

        // The same through standard input and output.
        java.io.ByteArrayOutputStream piped = new java.io.ByteArrayOutputStream();
        ClientCommand.stdin = new java.io.ByteArrayInputStream(Files.readAllBytes(cipher));
        ClientCommand.stdout = piped;
        try {
            CliRun r = kmip("decrypt", "--id", id, "--algorithm", "AES", "--mode", "CBC", "--padding", "PKCS5", "--iv", iv,
                    "--in", "-", "--out", "-");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEmpty();
        } finally {
            ClientCommand.stdin = System.in;
            ClientCommand.stdout = System.out;
        }
        assertThat(piped.toString(StandardCharsets.US_ASCII)).isEqualTo("attack at dawn, bring snacks");

        String json = ok(kmip("revoke", "--id", id, "--reason", "CessationOfOperation", "--json"));
        assertThat(json).isEqualTo("{\n  \"uniqueIdentifier\" : \"" + id + "\"\n}\n");
        assertThat(ok(kmip("get-attributes", "--id", id, "--attribute", "State"))).isEqualTo("State: Deactivated\n");
        ok(kmip("destroy", "--id", id));

        CliRun gone = kmip("get", "--id", id);
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.out()).isEmpty();
        assertThat(gone.err()).startsWith("kmip: ItemNotFound: ").endsWith("\n");
        assertThat(gone.err().lines()).hasSize(1);
    }

    @Test
    void keyPairSignsAndVerifies() throws Exception {
        String out = ok(kmip("create-key-pair", "--algorithm", "RSA", "--length", "2048", "--name", "cli-rsa-" + UUID.randomUUID()));
        String priv = line(out, "private:");
        String pub = line(out, "public:");
        ok(kmip("activate", "--id", priv));
        ok(kmip("activate", "--id", pub));

        String data = HexFormat.of().formatHex("pay 10 EUR to bob".getBytes(StandardCharsets.US_ASCII));
        String signature = line(ok(kmip("sign", "--id", priv, "--algorithm", "RSA", "--hashing", "SHA_256", "--padding", "PKCS1v15",
                "--hex", data)), "signature:");

        // PyKMIP keeps public keys in PKCS#1 and cannot convert them to X.509; wrap the PKCS#1 here.
        Path pubFile = dir.resolve("pub.der");
        ok(kmip("get", "--id", pub, "--out", pubFile.toString()));
        byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                Files.readAllBytes(pubFile)).getEncoded();
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initVerify(publicKey);
        jdk.update(HexFormat.of().parseHex(data));
        assertThat(jdk.verify(HexFormat.of().parseHex(signature))).isTrue();

        CliRun valid = kmip("verify", "--id", pub, "--algorithm", "RSA", "--hashing", "SHA_256", "--padding", "PKCS1v15",
                "--hex", data, "--signature", signature);
        assertThat(valid.code()).isZero();
        assertThat(valid.out()).isEqualTo("Valid\n");
        String tampered = HexFormat.of().formatHex("pay 99 EUR to bob".getBytes(StandardCharsets.US_ASCII));
        CliRun invalid = kmip("verify", "--id", pub, "--algorithm", "RSA", "--hashing", "SHA_256", "--padding", "PKCS1v15",
                "--hex", tampered, "--signature", signature);
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.out()).isEqualTo("Invalid\n");
    }

    @Test
    void macMatchesTheJdksHmac() throws Exception {
        // PyKMIP cannot Create HMAC keys ("not a supported symmetric key algorithm"): register one.
        String keyHex = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
        String id = ok(kmip("register", "--type", "symmetric-key", "--algorithm", "HMAC_SHA256", "--usage", "MACGenerate",
                "--hex", keyHex)).strip();
        ok(kmip("activate", "--id", id));
        Path keyFile = dir.resolve("hmac.bin");
        ok(kmip("get", "--id", id, "--out", keyFile.toString()));
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(HexFormat.of().parseHex(keyHex));
        String mac = line(ok(kmip("mac", "--id", id, "--algorithm", "HMAC_SHA256", "--hex", "00010203")), "mac:");
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(Files.readAllBytes(keyFile), "HmacSHA256"));
        assertThat(mac).isEqualTo(HexFormat.of().withUpperCase().formatHex(jdk.doFinal(new byte[] {0, 1, 2, 3})));
    }

    @Test
    void registersSecretDataAndReadsItBackAsJson() {
        String id = ok(kmip("register", "--type", "secret-data", "--secret-type", "Password", "--hex", "68756e74657232",
                "--usage", "Verify")).strip();
        String json = ok(kmip("get", "--id", id, "--json"));
        assertThat(json).contains("\"objectType\" : \"SecretData\"", "\"secretDataType\" : \"Password\"", "\"bytes\" : \"68756E74657232\"");
    }

    @Test
    void queryAndDiscoverVersions() {
        assertThat(ok(kmip("query"))).contains("operations: ").contains("Create").contains("DiscoverVersions");
        assertThat(ok(kmip("discover-versions"))).isEqualTo("2.0\n1.4\n1.3\n1.2\n1.1\n1.0\n");
        assertThat(ok(kmip("discover-versions", "--version-filter", "1.4", "--version-filter", "2.1"))).isEqualTo("1.4\n");
    }

    @Test
    void anOperationTheServerLacksIsOneLineWithItsReason() {
        String id = ok(kmip("create")).strip();
        CliRun r = kmip("rekey", "--id", id);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("kmip: OperationNotSupported: ").endsWith("\n");
        assertThat(r.err().lines()).hasSize(1);
    }
}
