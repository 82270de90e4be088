package io.kmipstack.cli;

import picocli.CommandLine.Command;

/**
 * {@code kmip ttlv}: tools for KMIP messages: decode TTLV to a readable tree, convert between
 * TTLV, XML and JSON, and round-trip OASIS test-case files through the codec. Each subcommand is
 * one class listed here.
 */
@Command(
        name = "ttlv",
        description = "Inspect, convert and round-trip KMIP messages.",
        subcommands = {TtlvDecodeCommand.class, TtlvConvertCommand.class, TtlvRoundtripCommand.class},
        synopsisSubcommandLabel = "COMMAND")
final class TtlvCommand {
}
