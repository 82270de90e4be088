package io.kmipstack.cli;

import io.kmipstack.client.KmipAttributes;
import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.payload.GetAttributesResponsePayload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip get-attributes}: an object's attributes, one {@code Name: value} line each. */
@Command(name = "get-attributes", description = "Print an object's attributes (all, or those named with --attribute).")
final class GetAttributesCommand extends ClientCommand {

    @Option(names = "--id", paramLabel = "UID", required = true, description = "Unique Identifier.")
    String id;

    @Option(names = "--attribute", paramLabel = "NAME", description = "An attribute name, e.g. 'Cryptographic Length' or x-owner (repeatable).")
    List<String> names = new ArrayList<>();

    @Override
    int run(KmipSync kmip) {
        GetAttributesResponsePayload r = kmip.getAttributes().id(id).names(names.toArray(new String[0])).execute();
        List<KmipAttribute> attrs = KmipAttributes.of(r);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uniqueIdentifier", r.uniqueIdentifier());
        json.put("attributes", attrs);
        print(json, () -> {
            for (KmipAttribute a : attrs) {
                out().println(a.name() + (a.index() != null && a.index() != 0 ? "[" + a.index() + "]" : "") + ": " + text(JsonOutput.plain(a.value())));
            }
        });
        return 0;
    }

    /** A plain value on one line: structures as {@code field=value, ...}. */
    static String text(Object plain) {
        if (plain instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(k + "=" + text(v)));
            return String.join(", ", parts);
        }
        return String.valueOf(plain);
    }
}
