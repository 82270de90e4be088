package io.kmipstack.ckms;

import io.kmipstack.codec.ttlv.Bytes;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The process {@link CkmsKillDurabilityIT} kills: a key service node ({@code kms://kmip} over
 * {@code storage://file}) under load. {@code args}: kms URI, storage URI, cycle number, writer
 * threads. Each writer makes DEKs for new ids {@code c<cycle>-t<thread>-<n>}, n = 0, 1, … in
 * order, and prints {@code ack <id> <sha-256 of the DEK>} once {@code getDek} has returned, which
 * is when a caller would start using the DEK. One more thread rotates the KEK and rewraps every
 * blob, over and over, so that compare-and-swap replaces are under way when the kill comes; it
 * prints {@code rotated <old kek> <new kek>} and {@code rewrapped <count>} after each pass. Any
 * failure is one {@code error} line (ids and exception messages only, which never carry key
 * material) and ends the process with status 1.
 */
final class CkmsKillChild {

    static final int DEK_SIZE = 32;

    private CkmsKillChild() {
    }

    public static void main(String[] args) {
        String kmsUri = args[0];
        String storageUri = args[1];
        int cycle = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        Thread orphaned = new Thread(() -> {
            // Never outlive the test: the parent holds our stdin, which reaches end of file when
            // it exits, however it exits; and ten minutes is far beyond any cycle.
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent
                }
            } catch (IOException e) {
                // same as end of file
            }
            System.exit(2);
        }, "orphan-watch");
        orphaned.setDaemon(true);
        orphaned.start();
        Thread limit = new Thread(() -> {
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                return;
            }
            System.exit(3);
        }, "time-limit");
        limit.setDaemon(true);
        limit.start();
        WrappingKms kms = (WrappingKms) KmsFactory.open(kmsUri, storageUri);
        say("ready " + kms.currentKekId());
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread writer = new Thread(() -> {
                for (int n = 0; ; n++) {
                    String id = "c" + cycle + "-t" + me + "-" + n;
                    try {
                        say("ack " + id + " " + fingerprint(kms.getDek(id, DEK_SIZE)));
                    } catch (RuntimeException e) {
                        fail(id, e);
                    }
                }
            }, "writer-" + t);
            writer.start();
        }
        Thread rotator = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(300);
                    KekRotation r = kms.rotateKek();
                    say("rotated " + r.previousKekId() + " " + r.newKekId());
                    RewrapReport report = kms.rewrap(RewrapOptions.all());
                    if (!report.failures().isEmpty()) {
                        say("error rewrap failures " + report.failures());
                        System.exit(1);
                    }
                    say("rewrapped " + report.rewrapped());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    fail("rotation", e);
                }
            }
        }, "rotator");
        rotator.start();
    }

    /** Hex SHA-256 of the DEK: enough to recognise it, useless to recover it. */
    static String fingerprint(Bytes dek) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dek.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void say(String line) {
        // One println per line, flushed at once: the parent counts a DEK as acknowledged only when
        // its whole line arrived, and a line cut by the kill is at worst an id still "in flight".
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    private static void fail(String what, RuntimeException e) {
        say("error " + what + " " + e);
        System.exit(1);
    }
}
