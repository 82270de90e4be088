package io.kmipstack.cli;

import io.kmipstack.ckms.CkmsException;
import io.kmipstack.ckms.WrappingKms;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kmip dek retire-kek}: the last step of a rotation. Revokes a previous KEK once no blob
 * uses it ({@code --destroy} destroys one already revoked). Refuses the current KEK and any KEK a
 * blob still needs, so no DEK can be lost this way.
 */
@Command(name = "retire-kek", description = "Revoke a previous KEK no blob uses any more; --destroy destroys a revoked one.")
final class DekRetireKekCommand implements Callable<Integer> {

    @Mixin
    DekOptions options;

    @Option(names = "--kek-id", paramLabel = "UID", required = true, description = "Unique Identifier of the previous KEK.")
    String kekId;

    @Option(names = "--destroy", description = "Destroy the KEK (it must be revoked already).")
    boolean destroy;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (WrappingKms kms = options.openWrapping("retire-kek")) {
            if (destroy) {
                kms.destroyKek(kekId);
            } else {
                kms.retireKek(kekId);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println((destroy ? "destroyed" : "revoked") + " kek " + kekId);
            out.flush();
            return 0;
        } catch (CkmsException e) {
            throw DekOptions.failure(e);
        } catch (IllegalStateException e) {
            throw new CliException("dek retire-kek: " + e.getMessage(), e);
        }
    }
}
