package io.kmipstack.codec.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator refuses defective tables. It is compiled once from {@code src/build} and its
 * {@code generate} method called in-process for each defect; one run goes through the JDK
 * single-file launcher exactly as the build does, to pin the exit status and message.
 */
class RegistryGeneratorTest {

    private static final Path GENERATOR = Path.of("src/build/RegistryGenerator.java");
    private static final Path TABLES = Path.of("src/main/registry");

    @TempDir
    static Path classes;

    private static Method generate;

    @TempDir
    Path work;

    @BeforeAll
    static void compileGenerator() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("tests need a JDK").isNotNull();
        int status = javac.run(null, null, null, "-d", classes.toString(), GENERATOR.toString());
        assertThat(status).as("javac RegistryGenerator.java").isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, RegistryGeneratorTest.class.getClassLoader());
        generate = loader.loadClass("RegistryGenerator").getDeclaredMethod("generate", Path.class, Path.class);
        generate.setAccessible(true);
    }

    @Test
    void generatesFromTheCheckedInTables() throws Exception {
        Path tables = copyTables();
        Path out = work.resolve("out");
        run(tables, out);
        Path pkg = out.resolve("io/kmipstack/codec/registry");
        assertThat(Files.readString(pkg.resolve("Tag.java"))).contains("public static final int REQUEST_MESSAGE = 0x420078;");
        assertThat(Files.readString(pkg.resolve("ObjectType.java")))
                .contains("public static final ObjectType SYMMETRIC_KEY = new ObjectType(0x00000002, \"SymmetricKey\", KmipVersion.V1_0, null);");
        assertThat(Files.readString(pkg.resolve("CryptographicUsageMask.java"))).contains("public static final int ENCRYPT = 0x00000004;");
        assertThat(pkg.resolve("RegistryData.java")).exists();
    }

    @Test
    void rejectsADuplicateTagCode() throws Exception {
        Path tables = copyTables();
        append(tables.resolve("tags.tsv"), "420078\tRequestMessageAgain\tRequest Message Again\tStructure\t1.0\t\t");
        assertFails(tables, "tags.tsv:", "duplicate code 420078");
    }

    @Test
    void rejectsADuplicateTagName() throws Exception {
        Path tables = copyTables();
        append(tables.resolve("tags.tsv"), "54FFFE\tRequestMessage\tAnother Request Message\tStructure\t1.0\t\t");
        assertFails(tables, "tags.tsv:", "duplicate name RequestMessage");
    }

    @Test
    void rejectsADuplicateEnumerationCodeOrName() throws Exception {
        Path tables = copyTables();
        append(tables.resolve("enums.tsv"), "ObjectType\t00000002\tSymmetricKey2\tSymmetric Key 2\t1.0\t");
        assertFails(tables, "enums.tsv:", "duplicate ObjectType code 00000002");

        tables = copyTables();
        append(tables.resolve("enums.tsv"), "ObjectType\t0000FFFF\tSymmetricKey\tSymmetric Key\t1.0\t");
        assertFails(tables, "enums.tsv:", "duplicate ObjectType name SymmetricKey");
    }

    @Test
    void rejectsADuplicateMaskBitAndASpreadMask() throws Exception {
        Path tables = copyTables();
        append(tables.resolve("masks.tsv"), "CryptographicUsageMask\t00000004\tEncrypt2\tEncrypt 2\t1.0\t");
        assertFails(tables, "masks.tsv:", "duplicate CryptographicUsageMask code 00000004");

        tables = copyTables();
        append(tables.resolve("masks.tsv"), "CryptographicUsageMask\t00000006\tBoth\tBoth\t1.0\t");
        assertFails(tables, "masks.tsv:", "bit: 00000006 (expected: exactly one bit set)");
    }

    @Test
    void rejectsBadHexAndUnknownVersions() throws Exception {
        Path tables = copyTables();
        append(tables.resolve("tags.tsv"), "42ZZ01\tBadHex\tBad Hex\tInteger\t1.0\t\t");
        assertFails(tables, "tags.tsv:", "code: 42ZZ01 (expected: 6 hex digits)");

        tables = copyTables();
        append(tables.resolve("enums.tsv"), "ObjectType\t0000FFFF\tFuture\tFuture\t3.0\t");
        assertFails(tables, "enums.tsv:", "since: 3.0 (expected: one of [1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1])");

        tables = copyTables();
        append(tables.resolve("tags.tsv"), "54FFFE\tOddType\tOdd Type\tFloat\t1.0\t\t");
        assertFails(tables, "tags.tsv:", "type: Float (expected: an item type or *)");
    }

    @Test
    void theBuildsLauncherExitsNonZeroWithTheReason() throws Exception {
        Path tables = copyTables();
        append(tables.resolve("tags.tsv"), "420078\tRequestMessageAgain\tRequest Message Again\tStructure\t1.0\t\t");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), GENERATOR.toString(), tables.toString(), work.resolve("out").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(output).contains("RegistryGenerator: tags.tsv:").contains("duplicate code 420078 (first at line");
    }

    private static void run(Path tables, Path out) throws Exception {
        try {
            generate.invoke(null, tables, out);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    private void assertFails(Path tables, String file, String reason) {
        assertThatThrownBy(() -> run(tables, work.resolve("out")))
                .hasMessageStartingWith(file)
                .hasMessageContaining(reason);
    }

    private Path copyTables() throws IOException {
        Path dir = Files.createTempDirectory(work, "tables");
        for (String name : List.of("tags.tsv", "enums.tsv", "masks.tsv")) {
            Files.copy(TABLES.resolve(name), dir.resolve(name));
        }
        return dir;
    }

    private static void append(Path file, String row) throws IOException {
        Files.writeString(file, Files.readString(file) + row + "\n");
    }
}
