package io.kmipstack.cli;

import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.payload.QueryResponsePayload;
import io.kmipstack.codec.registry.QueryFunction;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kmip query}: what the server supports (operations, object types, server information). */
@Command(name = "query", description = "Ask the server what it supports.")
final class QueryCommand extends ClientCommand {

    @Option(names = "--function", paramLabel = "FN",
            description = "Query Function, e.g. QueryOperations (repeatable; default: operations, objects, server information).")
    List<String> functions = new ArrayList<>();

    @Override
    int run(KmipSync kmip) {
        List<QueryFunction> fs = new ArrayList<>();
        for (String f : functions) {
            fs.add(KmipNames.parse("QueryFunction", f, QueryFunction::valueOf, "--function"));
        }
        if (fs.isEmpty()) {
            fs = List.of(QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS, QueryFunction.QUERY_SERVER_INFORMATION);
        }
        QueryResponsePayload r = kmip.query(fs.toArray(new QueryFunction[0]));
        print(r, () -> {
            line("operations", r.operations());
            line("object types", r.objectTypes());
            if (r.vendorIdentification() != null) {
                out().println("vendor: " + r.vendorIdentification());
            }
            if (r.serverInformation() != null) {
                out().println("server information: " + r.serverInformation());
            }
            line("application namespaces", r.applicationNamespaces());
        });
        return 0;
    }

    private void line(String label, List<?> values) {
        if (!values.isEmpty()) {
            out().println(label + ": " + String.join(", ", values.stream().map(String::valueOf).toList()));
        }
    }
}
