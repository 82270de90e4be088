package io.kmipstack.cli;

import io.kmipstack.ckms.CkmsException;
import io.kmipstack.ckms.RewrapOptions;
import io.kmipstack.ckms.RewrapReport;
import io.kmipstack.ckms.WrappingKms;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kmip dek rewrap}: rewraps every blob that is not under the current KEK (compare-and-swap,
 * safe beside running nodes), prints the counts, the blobs each KEK still wraps, and every
 * failure. With {@code --checkpoint FILE} a stopped pass resumes where it was. Exit status 1 when
 * a blob failed.
 */
@Command(name = "rewrap", description = "Rewrap every blob under the current KEK; the DEKs do not change.")
final class DekRewrapCommand implements Callable<Integer> {

    @Mixin
    DekOptions options;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Resume from, and record progress in, FILE (deleted when done).")
    Path checkpoint;

    @Option(names = "--start-after", paramLabel = "ID", description = "Begin after this DEK id.")
    String startAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WrappingKms kms = options.openWrapping("rewrap")) {
            RewrapReport r = kms.rewrap(new RewrapOptions(startAfter, checkpoint, RewrapOptions.DEFAULT_PAGE_SIZE));
            PrintWriter out = spec.commandLine().getOut();
            out.println("rewrap under kek " + r.kekId() + ": " + r.examined() + " examined, " + r.rewrapped() + " rewrapped, "
                    + r.alreadyCurrent() + " already current, " + r.vanished() + " gone, " + r.failures().size() + " failed");
            for (Map.Entry<String, Integer> e : r.blobsPerKek().entrySet()) {
                out.println("kek " + e.getKey() + ": " + e.getValue() + " blob(s)" + (e.getKey().equals(r.kekId()) ? " (current)" : ""));
            }
            r.failures().forEach((id, why) -> out.println("failed " + id + ": " + why));
            out.flush();
            return r.failures().isEmpty() ? 0 : KmipCli.EXIT_FAILURE;
        } catch (CkmsException e) {
            throw DekOptions.failure(e);
        }
    }
}
