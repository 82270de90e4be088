package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.DiscoverVersionsResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip discover-versions}: the protocol versions the server supports, one per line, its preference first. */
@Command(name = "discover-versions", description = "List the KMIP versions the server supports.")
final class DiscoverVersionsCommand extends ClientCommand {

    @Option(names = "--version-filter", paramLabel = "M.N", description = "Only ask about these versions (repeatable).")
    List<String> versions = new ArrayList<>();

    @Override
    int run(KmipSync kmip) {
        List<KmipVersion> vs = new ArrayList<>();
        for (String v : versions) {
            try {
                vs.add(KmipVersion.parse(v));
            } catch (IllegalArgumentException e) {
                throw new CliException("--version-filter " + v + ": " + e.getMessage(), KmipCli.EXIT_USAGE);
            }
        }
        DiscoverVersionsResponsePayload r = kmip.discoverVersions(vs.toArray(new KmipVersion[0]));
        print(r, () -> r.protocolVersions().forEach(p -> out().println(p.protocolVersionMajor() + "." + p.protocolVersionMinor())));
        return 0;
    }
}
