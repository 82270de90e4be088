package io.kmipstack.cli;

import io.kmipstack.ckms.CkmsException;
import io.kmipstack.ckms.CloudKms;
import io.kmipstack.ckms.KmsFactory;
import io.kmipstack.ckms.WrappingKms;
import picocli.CommandLine.Option;

/**
 * The options every {@code kmip dek} command shares, and how it opens the key service. SLF4J is
 * silenced unless a provider is named ({@code -Dslf4j.provider=...}), as for the client commands:
 * the audit events and client logs would otherwise mix with the output.
 */
final class DekOptions {

    @Option(names = "--kms", paramLabel = "URI", required = true,
            description = "kms://kmip?endpoint=HOST:PORT&kek=NAME&caCert=FILE&clientCert=FILE&clientKey=FILE[&wrap=gcm|nistkw]..."
                    + " or kms://cluster-kms?keyFile=FILE&saltFile=FILE")
    String kms;

    @Option(names = "--storage", paramLabel = "URI", defaultValue = "storage://memory",
            description = "storage://file?dir=PATH or storage://kmip[?type=secret-data|opaque]; none needed for cluster-kms.")
    String storage;

    CloudKms open() {
        if (System.getProperty(ClientCommand.SLF4J_PROVIDER) == null) {
            System.setProperty(ClientCommand.SLF4J_PROVIDER, ClientCommand.SLF4J_NOP);
            if (System.getProperty(ClientCommand.SLF4J_VERBOSITY) == null) {
                System.setProperty(ClientCommand.SLF4J_VERBOSITY, "WARN");
            }
        }
        if (kms.startsWith("kms://kmip") && storage.startsWith("storage://memory")) {
            // Each run is a new process: a DEK kept in memory would be a different one every time.
            throw new CliException("dek: storage://memory keeps nothing between runs (expected: --storage storage://file?dir=..."
                    + " or storage://kmip with kms://kmip)", KmipCli.EXIT_USAGE);
        }
        return KmsFactory.open(kms, storage);
    }

    /** The KMS as a wrapping one, for the KEK commands; cluster-kms has no KEK. */
    WrappingKms openWrapping(String command) {
        CloudKms k = open();
        if (k instanceof WrappingKms w) {
            return w;
        }
        k.close();
        String backend = kms.indexOf('?') < 0 ? kms : kms.substring(0, kms.indexOf('?'));
        throw new CliException("dek " + command + ": " + backend + " has no KEK (expected: kms://kmip)", KmipCli.EXIT_USAGE);
    }

    /** A key-service failure as one line: the kind, then the message. */
    static CliException failure(CkmsException e) {
        return new CliException(e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage()
                + (e.retryable() ? " (retryable)" : ""), e);
    }
}
