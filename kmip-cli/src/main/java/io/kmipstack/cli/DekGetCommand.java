package io.kmipstack.cli;

import io.kmipstack.ckms.CkmsException;
import io.kmipstack.ckms.CloudKms;
import io.kmipstack.codec.ttlv.Bytes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kmip dek get}: the DEK for an id, created on first use. Prints the DEK in hex (meant for
 * tests and scripts that feed it to a cipher) or, with {@code --fingerprint}, only
 * {@code sha256:<hex>} of it, which shows whether two nodes agree without showing the key.
 */
@Command(name = "get", description = "Get (or create on first use) the DEK for an id; prints its hex, or --fingerprint.")
final class DekGetCommand implements Callable<Integer> {

    @Mixin
    DekOptions options;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "DEK id.")
    String id;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "32", description = "DEK size in bytes (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--fingerprint", description = "Print sha256:<hex> of the DEK instead of the DEK.")
    boolean fingerprint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (CloudKms kms = options.open()) {
            Bytes dek = kms.getDek(id, size);
            String line = fingerprint
                    ? "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dek.toByteArray()))
                    : dek.toHex().toLowerCase(java.util.Locale.ROOT);
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (CkmsException e) {
            throw DekOptions.failure(e);
        }
    }
}
