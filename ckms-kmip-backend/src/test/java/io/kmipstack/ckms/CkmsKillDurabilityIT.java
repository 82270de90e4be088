package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.junit.KmipServerExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a key service node in the middle of its work, for {@code storage://file}:
 * a child JVM ({@link CkmsKillChild}) makes DEKs for new ids on four threads while a fifth
 * rotates the KEK and rewraps every blob (compare-and-swap replaces), against our server
 * (in-process here, so it outlives the node); it prints an id and a SHA-256 fingerprint for every
 * DEK {@code getDek} returned. Once enough are acknowledged, while a rewrap pass is running (as
 * far as its output tells), it is SIGKILLed. A node opened
 * afterwards on the same directory must list the storage cleanly and give every acknowledged id
 * exactly the acknowledged DEK (through whatever rewraps the blob went), and nothing else but the
 * at most one id per writer that was in flight, whole (it unwraps) or absent. No audit event may
 * report a failure, and the directory holds nothing but {@code .dek} files, the lock file and
 * temporary files (counted: a kill between writing one and putting it in place leaves it; no
 * reader ever sees it). Two kill cycles, then a full rewrap by the last node must be clean.
 *
 * <p>A SIGKILL loses nothing the process wrote to the kernel, so this shows that every write is
 * atomic (no torn or half-renamed blob) and ordered before its acknowledgement; that it also
 * survives power loss rests on the {@code fsync} of the file and the directory, which a test
 * cannot cut the power under.
 */
class CkmsKillDurabilityIT {

    @RegisterExtension
    static KmipServerExtension kmip = KmipServerExtension.builder().build();

    private static final int WRITERS = 4;
    private static final int CYCLES = 2;
    /** DEKs a cycle must see acknowledged before the kill (the load keeps going up to the kill). */
    private static final int ACKS_BEFORE_KILL = 400;
    /** DEKs acknowledged between meeting the kill's conditions and the kill. */
    private static final int ACKS_INTO_REWRAP = 20;
    private static final long CYCLE_DEADLINE_SECONDS = 180;

    @TempDir
    Path dir;

    private final String kek = "ckms-kill-" + UUID.randomUUID();
    private final List<Process> children = new ArrayList<>();
    private final List<CloudKms> opened = new ArrayList<>();

    /** Every id a node ever acknowledged (or that was found whole after a kill), with its DEK's fingerprint. */
    private final Map<String, String> acknowledged = new HashMap<>();
    private int rotations;
    private int rewrapped;
    private int passes;
    private int leftoverTemps;
    /** Per kill: blobs not yet under the newest KEK, i.e. where the interrupted rewrap pass had not come. */
    private final List<Integer> awaitingRewrap = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process p : children) {
            p.toHandle().destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        opened.forEach(CloudKms::close);
    }

    private String kmsUri() {
        return "kms://kmip?" + OurServer.connection(kmip.settings()) + "&kek=" + kek + "&createKek=true";
    }

    private String storageUri() {
        return "storage://file?dir=" + dir.resolve("deks");
    }

    @Test
    void everyAcknowledgedDekSurvivesSigkill() throws Exception {
        int acknowledgedByNodes = 0;
        int foundInFlight = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Map<String, String> acks = loadThenKill(cycle);
            acknowledgedByNodes += acks.size();
            acknowledged.putAll(acks);
            foundInFlight += verify(cycle, acks);
        }
        // The storage is whole enough for the next administrative step: a full rewrap by a fresh node.
        WrappingKms last = node(new CopyOnWriteArrayList<>());
        RewrapReport report = last.rewrap(RewrapOptions.all());
        assertThat(report.clean()).as("rewrap after the kills: %s", report).isTrue();
        assertThat(report.examined()).isEqualTo(acknowledged.size());
        for (Map.Entry<String, String> e : acknowledged.entrySet()) {
            assertThat(CkmsKillChild.fingerprint(last.getDek(e.getKey(), CkmsKillChild.DEK_SIZE))).as("DEK of %s after the rewrap", e.getKey())
                    .isEqualTo(e.getValue());
        }

        System.out.printf("[ckms-kill-9] %d acknowledged DEKs over %d kills (%d KEK rotations, %d blobs rewrapped in"
                + " %d completed passes, %s blobs not yet under the newest KEK at the kills, %d in-flight DEKs found whole,"
                + " %d temporary files left by the kills), all intact%n",
                acknowledgedByNodes, CYCLES, rotations, rewrapped, passes, awaitingRewrap, foundInFlight, leftoverTemps);
        assertThat(acknowledgedByNodes).as("acknowledged DEKs over both cycles").isGreaterThanOrEqualTo(CYCLES * ACKS_BEFORE_KILL);
        assertThat(passes).as("rewrap passes completed under load").isPositive();
    }

    /** Starts a node, puts it under load, SIGKILLs it while a rewrap pass runs, and returns what it acknowledged. */
    private Map<String, String> loadThenKill(int cycle) throws Exception {
        Path log = dir.resolve("child-" + cycle + ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                CkmsKillChild.class.getName(), kmsUri(), storageUri(), Integer.toString(cycle), Integer.toString(WRITERS))
                .redirectError(log.toFile()).start();
        children.add(child);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("error reading the child's output: " + e);
            }
        }, "child-" + cycle + "-stdout");
        reader.setDaemon(true);
        reader.start();

        Map<String, String> acks = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CYCLE_DEADLINE_SECONDS);
        // Kill once enough DEKs are acknowledged while a rewrap pass is running (the rotator printed
        // "rotated" and not yet "rewrapped"), and some pass has completed before, a few DEKs later:
        // the writers' creates and the pass's replaces are both under way.
        boolean passRunning = false;
        int killAt = Integer.MAX_VALUE;
        while (acks.size() < killAt) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("cycle " + cycle + ": " + acks.size() + " DEKs acknowledged, " + passes + " rewrap passes after "
                        + CYCLE_DEADLINE_SECONDS + " s (alive " + child.isAlive() + "); log:\n" + Files.readString(log));
            }
            String kind = take(cycle, line, acks, log);
            if (kind.equals("rotated") || kind.equals("rewrapped")) {
                passRunning = kind.equals("rotated");
            }
            if (passRunning && passes > 0 && acks.size() >= ACKS_BEFORE_KILL && killAt == Integer.MAX_VALUE) {
                killAt = acks.size() + ACKS_INTO_REWRAP;
            }
        }
        // SIGKILL while the writers and the rewrap are running. Through the handle, because
        // Process.destroyForcibly also closes our end of its stdout, and lines the node printed
        // before it died were acknowledged too.
        assertThat(child.toHandle().destroyForcibly()).isTrue();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child gone after SIGKILL").isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(reader.isAlive()).as("child's stdout closed").isFalse();
        for (String line; (line = lines.poll()) != null; ) {
            take(cycle, line, acks, log);
        }
        return acks;
    }

    /** Records one line of the child's; returns its kind. */
    private String take(int cycle, String line, Map<String, String> acks, Path log) throws IOException {
        String[] parts = line.split(" ");
        switch (parts[0]) {
            case "ack" -> {
                // A line cut short by the kill is not an acknowledgement (its id counts as in flight).
                if (parts.length == 3 && parts[2].length() == 64) {
                    assertThat(acks.put(parts[1], parts[2])).as("id acknowledged twice: %s", parts[1]).isNull();
                }
                return "ack";
            }
            case "rotated" -> {
                rotations++;
                return "rotated";
            }
            case "rewrapped" -> {
                if (parts.length != 2 || parts[1].isEmpty()) {
                    return "cut";
                }
                rewrapped += Integer.parseInt(parts[1]);
                passes++;
                return "rewrapped";
            }
            case "ready" -> {
                return "ready";
            }
            default -> throw new AssertionError("cycle " + cycle + ": the node failed before the kill: " + line + "\nlog:\n"
                    + Files.readString(log));
        }
    }

    /**
     * A fresh node on the same directory: every acknowledged DEK as acknowledged, and unknown ids
     * only where a writer was in flight. Returns how many in-flight DEKs were found stored.
     */
    private int verify(int cycle, Map<String, String> acksOfCycle) throws IOException {
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();
        WrappingKms node = node(audit);
        DekStorage storage = node.storage();

        String newest = node.currentKekId();
        awaitingRewrap.add(node.blobsPerKek().entrySet().stream().filter(e -> !e.getKey().equals(newest))
                .mapToInt(Map.Entry::getValue).sum());

        Set<String> stored = new HashSet<>();
        for (List<String> page = storage.list(null, 100); !page.isEmpty(); page = storage.list(page.get(page.size() - 1), 100)) {
            stored.addAll(page);
        }

        // Each writer's ids go up by one, and it prints only after getDek returned: the one after
        // its last acknowledged id was in flight (or returned and was not yet printed).
        Set<String> inFlight = new HashSet<>();
        for (int t = 0; t < WRITERS; t++) {
            String prefix = "c" + cycle + "-t" + t + "-";
            int next = (int) acksOfCycle.keySet().stream().filter(id -> id.startsWith(prefix)).count();
            for (int n = 0; n < next; n++) {
                assertThat(acksOfCycle).as("writer %d acknowledged its ids in order", t).containsKey(prefix + n);
            }
            inFlight.add(prefix + next);
        }

        for (Map.Entry<String, String> e : acknowledged.entrySet()) {
            String id = e.getKey();
            assertThat(stored).as("acknowledged DEK %s listed", id).contains(id);
            assertThat(CkmsKillChild.fingerprint(node.getDek(id, CkmsKillChild.DEK_SIZE))).as("DEK of %s", id).isEqualTo(e.getValue());
        }
        int found = 0;
        for (String id : stored) {
            if (acknowledged.containsKey(id)) {
                continue;
            }
            assertThat(inFlight).as("stored DEK %s was never acknowledged nor in flight", id).contains(id);
            // Whole: it unwraps (GCM tag and id binding check) and stays the same.
            String fp = CkmsKillChild.fingerprint(node.getDek(id, CkmsKillChild.DEK_SIZE));
            assertThat(CkmsKillChild.fingerprint(node.getDek(id, CkmsKillChild.DEK_SIZE))).isEqualTo(fp);
            acknowledged.put(id, fp);
            found++;
        }
        for (String id : inFlight) {
            if (!stored.contains(id)) {
                assertThat(storage.get(id)).as("in-flight %s absent", id).isEqualTo(Optional.empty());
            }
        }
        assertThat(audit).as("audit events of the verifying node").isNotEmpty()
                .allSatisfy(a -> assertThat(a.result()).as(a.line()).isEqualTo(AuditEvent.OK));

        // Nothing but blobs, the lock file and temporary files; a temporary file is never a blob's name.
        leftoverTemps = 0;
        try (Stream<Path> files = Files.list(dir.resolve("deks"))) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".tmp-")) {
                    leftoverTemps++;
                } else {
                    assertThat(name).as("file in the storage directory").matches("\\.lock|[^.].*\\.dek");
                }
            }
        }
        return found;
    }

    private WrappingKms node(List<AuditEvent> audit) {
        WrappingKms node = (WrappingKms) KmsFactory.open(kmsUri(), storageUri(), audit::add);
        opened.add(node);
        return node;
    }
}
