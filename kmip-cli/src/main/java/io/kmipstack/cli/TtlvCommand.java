package io.kmipstack.cli;

import picocli.CommandLine.Command;

/**
 * {@code kmip ttlv}: tools for TTLV messages. Each subcommand is one class listed here; convert
 * (TTLV/XML/JSON) and roundtrip join once the XML/JSON codec and the typed model exist.
 */
@Command(
        name = "ttlv",
        description = "Inspect TTLV messages.",
        subcommands = {TtlvDecodeCommand.class},
        synopsisSubcommandLabel = "COMMAND")
final class TtlvCommand {
}
