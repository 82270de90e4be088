package io.kmipstack.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the Python scripts in {@code src/test/python} with Debian's {@code /usr/bin/python3}
 * (the interpreter {@code python3-pykmip} is installed for): the input JSON on standard input,
 * standard output parsed as JSON, standard error kept in a file for the failure message. The wait
 * is bounded; a script still running then is killed with its children.
 */
final class PythonScript {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPTS = Path.of("src", "test", "python");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonScript() {
    }

    /** True when Debian's python3 can import PyKMIP. */
    static boolean pykmipImportable() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import kmip.pie.client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static JsonNode run(String script, JsonNode input, Path workDir, Duration timeout) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(workDir, script, ".out");
        Path stderr = Files.createTempFile(workDir, script, ".err");
        Process p = new ProcessBuilder(List.of(PYTHON.toString(), SCRIPTS.resolve(script).toString()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(input));
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(script + ": still running after " + timeout + "; stderr: " + tail(stderr));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(script + ": exit status " + p.exitValue() + "; stderr: " + tail(stderr));
        }
        return JSON.readTree(Files.readString(stdout, StandardCharsets.UTF_8));
    }

    static ObjectMapper json() {
        return JSON;
    }

    private static String tail(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
