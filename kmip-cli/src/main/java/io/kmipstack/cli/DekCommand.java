package io.kmipstack.cli;

import picocli.CommandLine.Command;

/**
 * {@code kmip dek}: the key service of {@code ckms-kmip-backend} from the command line. Every
 * subcommand takes the KMS and the storage as URIs ({@code --kms kms://kmip?...} or
 * {@code kms://cluster-kms?...}, {@code --storage storage://file?dir=...}); see
 * {@code io.kmipstack.ckms.KmsFactory} for their parameters.
 */
@Command(
        name = "dek",
        description = "Data-encryption keys by id, wrapped under a KEK on a KMIP server (or derived, cluster-kms).",
        subcommands = {DekGetCommand.class, DekRotateKekCommand.class, DekRewrapCommand.class, DekRetireKekCommand.class},
        synopsisSubcommandLabel = "COMMAND")
final class DekCommand {
}
