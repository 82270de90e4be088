package io.kmipstack.ckms;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code kms://} or {@code storage://} URI: scheme, backend (the host part) and query
 * parameters, each possibly repeated, percent-decoded ({@code +} stays a plus: these are paths,
 * not form fields). {@link #check} refuses parameters the backend does not know, and names that
 * would put a secret inline with a pointer to the file-based parameter instead.
 */
final class KmsUri {

    private static final Set<String> INLINE_SECRETS = Set.of("key", "salt", "password", "secret", "clientkeypem", "keypem",
            "masterkey", "mastersecret", "token");

    private final String text;
    private final String scheme;
    private final String backend;
    private final Map<String, List<String>> params;

    private KmsUri(String text, String scheme, String backend, Map<String, List<String>> params) {
        this.text = text;
        this.scheme = scheme;
        this.backend = backend;
        this.params = params;
    }

    static KmsUri parse(String text, String expectedScheme) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expectedScheme + " uri: " + e.getMessage(), e);
        }
        if (!expectedScheme.equals(uri.getScheme())) {
            throw new IllegalArgumentException(expectedScheme + " uri: scheme " + uri.getScheme() + " in " + redacted(text)
                    + " (expected: " + expectedScheme + "://...)");
        }
        String backend = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
        if (backend == null || backend.isEmpty()) {
            throw new IllegalArgumentException(expectedScheme + " uri: no backend in " + redacted(text)
                    + " (expected: " + expectedScheme + "://BACKEND?...)");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException(expectedScheme + " uri: path " + path + " (expected: parameters after '?', none in the path)");
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        return new KmsUri(text, expectedScheme, backend, params);
    }

    String backend() {
        return backend;
    }

    /** Refuses parameters outside {@code known}; an inline secret gets its own message. */
    KmsUri check(Set<String> known, String fileHint) {
        for (String k : params.keySet()) {
            if (known.contains(k)) {
                continue;
            }
            if (INLINE_SECRETS.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(scheme + "://" + backend + ": parameter \"" + k
                        + "\" would put a secret in the URI (expected: a file reference, " + fileHint + ")");
            }
            throw new IllegalArgumentException(scheme + "://" + backend + ": unknown parameter \"" + k + "\" (expected: one of "
                    + new java.util.TreeSet<>(known) + ")");
        }
        return this;
    }

    boolean has(String name) {
        return params.containsKey(name);
    }

    List<String> all(String name) {
        return params.getOrDefault(name, List.of());
    }

    /** The one value of {@code name}, or {@code dflt} when absent. */
    String one(String name, String dflt) {
        List<String> v = all(name);
        if (v.isEmpty()) {
            return dflt;
        }
        if (v.size() > 1) {
            throw new IllegalArgumentException(scheme + "://" + backend + ": parameter \"" + name + "\" given " + v.size()
                    + " times (expected: once)");
        }
        if (v.get(0).isEmpty()) {
            throw new IllegalArgumentException(scheme + "://" + backend + ": parameter \"" + name + "\" is empty");
        }
        return v.get(0);
    }

    String required(String name) {
        String v = one(name, null);
        if (v == null) {
            throw new IllegalArgumentException(scheme + "://" + backend + ": parameter \"" + name + "\" missing");
        }
        return v;
    }

    boolean flag(String name, boolean dflt) {
        String v = one(name, null);
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(scheme + "://" + backend + ": " + name + "=" + v + " (expected: true or false)");
        };
    }

    int integer(String name, int dflt, int min, int max) {
        String v = one(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(scheme + "://" + backend + ": " + name + "=" + v + " (expected: " + min + " to " + max + ")");
    }

    @Override
    public String toString() {
        return redacted(text);
    }

    // The URI text in messages: parameters that look like inline secrets are masked, in case one was given anyway.
    private static String redacted(String text) {
        return text.replaceAll("(?i)([?&](?:key|salt|password|secret|token)=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 3;
                    continue;
                }
            }
            int cp = s.codePointAt(i);
            out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            i += Character.charCount(cp);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
