package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.ttlv.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when" for the {@code kmip} backend, run against a KMIP server (ours, PyKMIP's)
 * with one wrap method and one storage: same DEK across calls, restarts and nodes; concurrent
 * first calls agree; a blob moved to another id fails integrity; rotation then rewrap keeps every
 * DEK, after which the old KEK is retired and destroyed; typed errors; one audit event per wrap
 * and unwrap with ids only. Every KMS here is opened from URIs, as a deployment would; a "node" is
 * a KMS with its own KMIP client (its own connections and KEK cache) over the same storage.
 */
abstract class WrappingKmsScenarios {

    @TempDir
    Path dir;

    /** The server's endpoint and TLS files as {@code kms://kmip} parameters. */
    abstract String connection();

    abstract WrapMethod wrap();

    /** A storage URI unique to the running test ({@code storage://file} in {@link #dir}, or {@code storage://kmip} with its own prefix). */
    abstract String storageUri();

    /** How this server rotates when left to choose ({@code rotate=auto}). */
    abstract KekRotation.Method expectedRotation();

    protected String kek;
    protected final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private final List<CloudKms> opened = new ArrayList<>();

    @BeforeEach
    void names() {
        kek = "ckms-it-" + UUID.randomUUID();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(CloudKms::close);
    }

    String kmsUri(String extra) {
        return kmsUri(wrap(), extra);
    }

    String kmsUri(WrapMethod method, String extra) {
        return "kms://kmip?" + connection() + "&kek=" + kek + "&wrap=" + method.uriName() + "&createKek=true" + extra;
    }

    /** A node that wraps with {@code method} (blobs record theirs, so it opens the others' too). */
    WrappingKms node(WrapMethod method) {
        WrappingKms kms = (WrappingKms) KmsFactory.open(kmsUri(method, ""), storageUri(), audit::add);
        opened.add(kms);
        return kms;
    }

    /** A node: a KMS with its own client over the shared storage. */
    WrappingKms node() {
        return node("");
    }

    WrappingKms node(String extra) {
        WrappingKms kms = (WrappingKms) KmsFactory.open(kmsUri(extra), storageUri(), audit::add);
        opened.add(kms);
        return kms;
    }

    @Test
    void sameDekAcrossCallsRestartsAndNodes() {
        WrappingKms first = node();
        Bytes dek = first.getDek("disk-1", 32);
        assertThat(dek.length()).isEqualTo(32);
        assertThat(first.getDek("disk-1", 32)).isEqualTo(dek);
        assertThat(first.getDek("disk-2", 32)).isNotEqualTo(dek);

        WrappingKms second = node();
        assertThat(second.getDek("disk-1", 32)).isEqualTo(dek);

        first.close();
        WrappingKms restarted = node();
        assertThat(restarted.getDek("disk-1", 32)).isEqualTo(dek);
        assertThat(restarted.storage().list(null, 10)).containsExactly("disk-1", "disk-2");
        assertThatThrownBy(() -> restarted.getDek("disk-1", 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dek size: 16 (expected: 32, the size dek disk-1 was created with)");
    }

    @Test
    void concurrentFirstCallsOnTwoNodesAgree() throws Exception {
        WrappingKms a = node();
        WrappingKms b = node();
        a.currentKekId(); // create the KEK first: this test is about the DEK race, not the KEK bootstrap
        for (int round = 0; round < 2; round++) {
            String id = "race-" + round;
            List<Boolean> done = DekStorageContract.race(6, i -> {
                results.put(i + "/" + id, (i % 2 == 0 ? a : b).getDek(id, 32));
                return true;
            });
            assertThat(done).hasSize(6);
            Set<Bytes> distinct = results.entrySet().stream().filter(e -> e.getKey().endsWith("/" + id))
                    .map(Map.Entry::getValue).collect(Collectors.toSet());
            assertThat(distinct).as("DEKs handed out for " + id).hasSize(1);
            assertThat(a.getDek(id, 32)).isEqualTo(distinct.iterator().next());
        }
        assertThat(a.storage().list(null, 10)).containsExactly("race-0", "race-1");
    }

    private final Map<String, Bytes> results = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void aBlobMovedToAnotherIdFailsIntegrity() {
        WrappingKms kms = node();
        Bytes victim = kms.getDek("victim", 32);
        StoredDek stored = kms.storage().get("victim").orElseThrow();
        assertThat(kms.storage().putIfAbsent("attacker", stored.blob())).isTrue();
        audit.clear();
        assertThatThrownBy(() -> kms.getDek("attacker", 32)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("attacker").satisfies(e -> assertThat(((CkmsException) e).retryable()).isFalse());
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditEvent.UNWRAP);
            assertThat(e.dekId()).isEqualTo("attacker");
            assertThat(e.result()).isEqualTo("integrity-failure");
        });
        // A changed tag fails too, and the victim's own blob still opens.
        WrappedDek w = WrappedDek.decode("victim", stored.blob());
        byte[] tag = w.tag().toByteArray();
        tag[0] ^= 1;
        Bytes tampered = new WrappedDek(w.method(), w.kekId(), w.dekLength(), w.iv(), Bytes.of(tag), w.ciphertext()).encode();
        assertThat(kms.storage().putIfAbsent("tampered", tampered)).isTrue();
        assertThatThrownBy(() -> kms.getDek("tampered", 32)).isInstanceOf(IntegrityException.class);
        assertThat(kms.getDek("victim", 32)).isEqualTo(victim);
        // Something that is no blob at all: an audited failure, counted apart by blobsPerKek.
        assertThat(kms.storage().putIfAbsent("garbage", DekStorageContract.blob("not a blob"))).isTrue();
        audit.clear();
        assertThatThrownBy(() -> kms.getDek("garbage", 32)).isInstanceOf(IntegrityException.class).hasMessageContaining("bad magic");
        assertThat(audit).containsExactly(new AuditEvent(AuditEvent.UNWRAP, "garbage", null, null, "integrity-failure"));
        assertThat(kms.blobsPerKek()).containsEntry(KmipCloudKms.UNREADABLE, 1).containsEntry(kms.currentKekId(), 3);
    }

    @Test
    void rotationThenRewrapKeepsEveryDekAndRetiresTheOldKek() throws Exception {
        WrappingKms kms = node();
        Map<String, Bytes> deks = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            deks.put("vol-" + i, kms.getDek("vol-" + i, 32));
        }
        String old = kms.currentKekId();

        KekRotation r = kms.rotateKek();
        assertThat(r.previousKekId()).isEqualTo(old);
        assertThat(r.newKekId()).isNotEqualTo(old);
        assertThat(r.method()).isEqualTo(expectedRotation());
        assertThat(kms.currentKekId()).isEqualTo(r.newKekId());
        // Another node finds the new KEK by Name: exactly one Active key bears it.
        assertThat(node().currentKekId()).isEqualTo(r.newKekId());

        // Old blobs still open (their KEK is still Active); a new DEK goes under the new KEK.
        deks.forEach((id, dek) -> assertThat(kms.getDek(id, 32)).as(id).isEqualTo(dek));
        deks.put("after-rotation", kms.getDek("after-rotation", 32));
        assertThat(kms.blobsPerKek()).isEqualTo(Map.of(old, 5, r.newKekId(), 1));
        assertThatThrownBy(() -> kms.retireKek(old)).isInstanceOf(IllegalStateException.class)
                .hasMessage("kek " + old + ": still wraps 5 blob(s) (expected: none; rewrap first)");

        Path checkpoint = dir.resolve("rewrap.checkpoint");
        RewrapReport report = kms.rewrap(RewrapOptions.all().withCheckpoint(checkpoint).withPageSize(2));
        assertThat(report.kekId()).isEqualTo(r.newKekId());
        assertThat(report.examined()).isEqualTo(6);
        assertThat(report.rewrapped()).isEqualTo(5);
        assertThat(report.alreadyCurrent()).isEqualTo(1);
        assertThat(report.failures()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(checkpoint).doesNotExist();
        assertThat(kms.blobsPerKek()).isEqualTo(Map.of(r.newKekId(), 6));

        // The DEK plaintext never changed, on this node or a fresh one.
        WrappingKms fresh = node();
        deks.forEach((id, dek) -> {
            assertThat(kms.getDek(id, 32)).as(id).isEqualTo(dek);
            assertThat(fresh.getDek(id, 32)).as(id).isEqualTo(dek);
        });

        assertThatThrownBy(() -> kms.retireKek(r.newKekId())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the current KEK");
        assertThatThrownBy(() -> kms.destroyKek(old)).isInstanceOf(IllegalStateException.class)
                .hasMessage("kek " + old + ": Active (expected: retired first, with retireKek)");
        kms.retireKek(old);
        assertThat(((KmipCloudKms) kms).kek().state(old)).isEqualTo(io.kmipstack.codec.registry.State.DEACTIVATED);
        kms.destroyKek(old);
        deks.forEach((id, dek) -> assertThat(fresh.getDek(id, 32)).as(id).isEqualTo(dek));

        RewrapReport again = kms.rewrap(RewrapOptions.all());
        assertThat(again.rewrapped()).isZero();
        assertThat(again.alreadyCurrent()).isEqualTo(6);
    }

    @Test
    void rewrapResumesFromItsCheckpointAndRunsInTheBackground() throws Exception {
        WrappingKms kms = node();
        Map<String, Bytes> deks = new LinkedHashMap<>();
        for (String id : List.of("a", "b", "c", "d")) {
            deks.put(id, kms.getDek(id, 32));
        }
        KekRotation r = kms.rotateKek();
        Path checkpoint = dir.resolve("resume.checkpoint");
        Files.writeString(checkpoint, "b\n"); // a pass that stopped after "b"
        RewrapReport rest = kms.rewrap(RewrapOptions.all().withCheckpoint(checkpoint));
        assertThat(rest.examined()).isEqualTo(2);
        assertThat(rest.rewrapped()).isEqualTo(2);
        assertThat(kms.blobsPerKek()).isEqualTo(Map.of(r.previousKekId(), 2, r.newKekId(), 2));

        RewrapJob job = kms.rewrapInBackground(RewrapOptions.all());
        RewrapReport all = job.result().get(120, TimeUnit.SECONDS);
        assertThat(all.rewrapped()).isEqualTo(2);
        assertThat(all.alreadyCurrent()).isEqualTo(2);
        assertThat(all.clean()).isTrue();
        assertThat(job.progress().examined()).isEqualTo(4);
        deks.forEach((id, dek) -> assertThat(kms.getDek(id, 32)).as(id).isEqualTo(dek));
    }

    @Test
    void aMissingKekIsTypedAndNothingIsStored() {
        WrappingKms kms = (WrappingKms) KmsFactory.open(kmsUri("").replace("&createKek=true", "&createKek=false"), storageUri(),
                audit::add);
        opened.add(kms);
        assertThatThrownBy(() -> kms.getDek("x", 32)).isInstanceOf(KekNotFoundException.class)
                .hasMessageContaining("kek \"" + kek + "\": no key bears that Name");
        assertThat(kms.storage().get("x")).isEmpty();
    }

    @Test
    void everyWrapAndUnwrapIsOneAuditEventWithoutKeyMaterial() {
        WrappingKms kms = node();
        Bytes dek = kms.getDek("audited", 32);
        kms.getDek("audited", 32);
        String kekId = kms.currentKekId();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)).isEqualTo(new AuditEvent(AuditEvent.WRAP, "audited", kekId, wrap(), AuditEvent.OK));
        assertThat(audit.get(1)).isEqualTo(new AuditEvent(AuditEvent.UNWRAP, "audited", kekId, wrap(), AuditEvent.OK));
        assertThat(audit.get(1).line()).isEqualTo("dek.unwrap dek=audited kek=" + kekId + " method=" + wrap().uriName() + " result=ok");
        String hex = dek.toHex();
        assertThat(audit).allSatisfy(e -> assertThat(e.toString() + e.line()).doesNotContainIgnoringCase(hex));
    }
}
