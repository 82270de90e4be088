package io.kmipstack.cli;

import io.kmipstack.ckms.CkmsException;
import io.kmipstack.ckms.KekRotation;
import io.kmipstack.ckms.WrappingKms;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kmip dek rotate-kek}: replaces the KEK (Re-key, or create and move the Name, as the KMS
 * URI's {@code rotate=} says) and prints both identifiers and what to run next. Blobs stay under
 * the previous KEK until {@code dek rewrap}; nothing stops opening.
 */
@Command(name = "rotate-kek", description = "Replace the KEK; then run 'dek rewrap' and 'dek retire-kek'.")
final class DekRotateKekCommand implements Callable<Integer> {

    @Mixin
    DekOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WrappingKms kms = options.openWrapping("rotate-kek")) {
            KekRotation r = kms.rotateKek();
            PrintWriter out = spec.commandLine().getOut();
            out.println("rotated kek \"" + kms.kekName() + "\": " + r.previousKekId() + " -> " + r.newKekId() + " ("
                    + (r.method() == KekRotation.Method.REKEY ? "re-key" : "create and move the name") + ")");
            out.println("next: kmip dek rewrap, then kmip dek retire-kek --kek-id " + r.previousKekId());
            out.flush();
            return 0;
        } catch (CkmsException e) {
            throw DekOptions.failure(e);
        }
    }
}
