package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmipstack.certs.DevPki;
import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.client.TlsOptions;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.server.KmipServer;
import io.kmipstack.server.TlsMaterial;
import io.kmipstack.server.store.ObjectStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmip bench} end to end, bounded by operation counts (no timed assertions): against an
 * embedded server with an in-memory store for every operation it supports, and against the echo
 * ceiling. Each run must finish without errors, report sane JSON, and leave no live object behind.
 */
class BenchCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PREFIX = Pattern.compile("prepared [0-9,]+ objects? named (kmip-bench-[0-9a-f]{8}-)\\*");

    @TempDir
    static Path pkiDir;
    static KmipServer server;
    static List<String> connection;

    @BeforeAll
    static void start() throws Exception {
        DevPki pki = DevPki.builder().build();
        pki.writeTo(pkiDir);
        server = KmipServer.builder().port(0)
                .tls(TlsMaterial.of(pki.server().certificate(), pki.server().privateKey(), pki.ca().certificate()))
                .store(ObjectStores.memory())
                .start();
        connection = List.of("--server", "127.0.0.1:" + server.port(), "--ca", pkiDir.resolve(DevPki.CA_PEM).toString(),
                "--cert", pkiDir.resolve(DevPki.CLIENT_PEM).toString(), "--key", pkiDir.resolve(DevPki.CLIENT_KEY).toString());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode bench(boolean echo, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("bench", "--json"));
        if (!echo) {
            all.addAll(connection);
        } else {
            all.add("--echo");
        }
        all.addAll(List.of(args));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return JSON.readTree(r.out());
    }

    /** Zero errors, the counts asked for, and percentiles in order within the exact extremes. */
    private static void assertSane(JsonNode j, String op, int connections, long operations) {
        assertThat(j.get("operation").asText()).isEqualTo(op);
        assertThat(j.get("connections").asInt()).isEqualTo(connections);
        assertThat(j.get("errors").asLong()).as(j.toString()).isZero();
        assertThat(j.get("operations").asLong()).isEqualTo(operations);
        assertThat(j.get("opsPerSecond").asDouble()).isPositive();
        double min = j.get("minMicros").asDouble();
        double p50 = j.get("p50Micros").asDouble();
        double p90 = j.get("p90Micros").asDouble();
        double p99 = j.get("p99Micros").asDouble();
        double max = j.get("maxMicros").asDouble();
        assertThat(min).isPositive();
        assertThat(p50).isBetween(min, p90);
        assertThat(p90).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
    }

    @Test
    void getAgainstTheServerCleansUpAfterItself() throws Exception {
        JsonNode j = bench(false, "--op", "get", "--ops", "200", "--connections", "4");
        assertSane(j, "get", 4, 200);
        assertThat(j.get("target").asText()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(j.get("kmipVersion").asText()).isEqualTo("2.1");
        assertThat(j.get("notes").toString()).contains("revoked and destroyed all 4 objects afterwards");
        assertNothingLiveNamed(prefix(j), "key-", 4);
    }

    @Test
    void createDestroysWhatItCreated() throws Exception {
        JsonNode j = bench(false, "--op", "create", "--ops", "200", "--connections", "2");
        assertSane(j, "create", 2, 200);
        // The 200 measured, plus the one Create tried before the run.
        assertThat(j.get("notes").toString()).contains("revoked and destroyed all 201 objects afterwards");
    }

    @Test
    void locateFindsEachPopulatedKeyByName() throws Exception {
        JsonNode j = bench(false, "--op", "locate", "--ops", "200", "--connections", "2", "--populate", "120");
        assertSane(j, "locate", 2, 200);
        assertThat(j.get("notes").toString()).contains("prepared 120 objects").contains("destroyed all 120 objects");
        assertNothingLiveNamed(prefix(j), "n-", 120);
    }

    @Test
    void cryptographicOperationsCheckTheirAnswers() throws Exception {
        // Encrypt must return ciphertext of the plaintext's length, Decrypt the plaintext, Sign a
        // 256-byte RSA-2048 signature: any other answer would count as an error.
        assertSane(bench(false, "--op", "encrypt", "--ops", "200", "--connections", "4", "--size", "4096"), "encrypt", 4, 200);
        assertSane(bench(false, "--op", "decrypt", "--ops", "200", "--connections", "2", "--size", "100"), "decrypt", 2, 200);
        JsonNode sign = bench(false, "--op", "sign", "--ops", "50", "--connections", "2", "--size", "1000");
        assertSane(sign, "sign", 2, 50);
        assertThat(sign.get("notes").toString()).contains("prepared 4 objects"); // two key pairs
    }

    @Test
    void mixInterleavesEveryKind() throws Exception {
        JsonNode j = bench(false, "--op", "mix", "--ops", "200", "--connections", "3", "--populate", "50");
        assertSane(j, "mix", 3, 200);
        long total = 0;
        for (String kind : List.of("get", "encrypt", "decrypt", "locate", "create")) {
            total += j.get("byKind").get(kind).get("count").asLong();
        }
        assertThat(total).isEqualTo(200);
        assertThat(j.get("byKind").get("get").get("count").asLong()).isGreaterThan(j.get("byKind").get("create").get("count").asLong());
    }

    @Test
    void connectOpensAndClosesMutualTlsConnections() throws Exception {
        JsonNode j = bench(false, "--op", "connect", "--ops", "30", "--connections", "2");
        assertSane(j, "connect", 2, 30);
    }

    @Test
    void idleOpensTheConnectionsAskedFor() throws Exception {
        JsonNode j = bench(false, "--op", "idle", "--connections", "25", "--duration", "1s");
        assertThat(j.get("errors").asLong()).isZero();
        assertThat(j.get("operations").asLong()).isEqualTo(25);
        assertThat(j.get("notes").toString()).contains("opened 25 connections");
    }

    @Test
    void echoCeilingForGetAndMix() throws Exception {
        JsonNode get = bench(true, "--op", "get", "--ops", "200", "--connections", "4");
        assertSane(get, "get", 4, 200);
        assertThat(get.get("target").asText()).isEqualTo("echo");
        assertThat(get.get("frameBytes").get("get").asInt()).isBetween(100, 300);

        JsonNode mix = bench(true, "--op", "mix", "--ops", "200", "--connections", "3", "--size", "4096");
        assertSane(mix, "mix", 3, 200);
        assertThat(mix.get("byKind").fieldNames()).toIterable().containsExactly("get", "encrypt", "decrypt", "locate", "create");
        assertThat(mix.get("frameBytes").get("encrypt").asInt()).isGreaterThan(4096);

        JsonNode connect = bench(true, "--op", "connect", "--ops", "20");
        assertSane(connect, "connect", 1, 20);
    }

    private static String prefix(JsonNode j) {
        Matcher m = PREFIX.matcher(j.get("notes").toString());
        assertThat(m.find()).as(j.get("notes").toString()).isTrue();
        return m.group(1);
    }

    /** Every object named {@code prefix + part + i} is gone or destroyed. */
    private static void assertNothingLiveNamed(String prefix, String part, int count) throws Exception {
        TlsOptions tls = TlsOptions.builder().trustPem(pkiDir.resolve(DevPki.CA_PEM))
                .keyPem(pkiDir.resolve(DevPki.CLIENT_PEM), pkiDir.resolve(DevPki.CLIENT_KEY)).build();
        try (KmipClient client = KmipClient.create(KmipClientOptions.builder().endpoint("127.0.0.1", server.port()).tls(tls).build())) {
            for (int i = 0; i < count; i++) {
                List<UniqueIdentifier> found = client.sync().locate().name(prefix + part + i)
                        .state(io.kmipstack.codec.registry.State.ACTIVE).execute().uniqueIdentifiers();
                assertThat(found).as("active objects named %s%s%d", prefix, part, i).isEmpty();
                found = client.sync().locate().name(prefix + part + i)
                        .state(io.kmipstack.codec.registry.State.PRE_ACTIVE).execute().uniqueIdentifiers();
                assertThat(found).as("pre-active objects named %s%s%d", prefix, part, i).isEmpty();
            }
            // The check can fail: the same query finds a live object.
            String id = client.sync().create().aes(128).name(prefix + part + "0").execute().uniqueIdentifier().toString();
            assertThat(client.sync().locate().name(prefix + part + "0").state(io.kmipstack.codec.registry.State.PRE_ACTIVE)
                    .execute().uniqueIdentifiers()).hasSize(1);
            client.sync().destroy(id);
        }
    }
}
