package io.kmipstack.cli;

import picocli.CommandLine.Command;

/** {@code kmip certs}: the development PKI. */
@Command(
        name = "certs",
        description = "Development certificates.",
        subcommands = {CertsInitCommand.class},
        synopsisSubcommandLabel = "COMMAND")
final class CertsCommand {
}
