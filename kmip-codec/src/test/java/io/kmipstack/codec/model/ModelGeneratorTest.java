package io.kmipstack.codec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model generator refuses defective schemas with file, line and reason, as MODEL.md lists.
 * It is compiled once from {@code src/build} and run in-process on small schemas against the
 * checked-in registry tables.
 */
class ModelGeneratorTest {

    private static final Path GENERATOR = Path.of("src/build/ModelGenerator.java");
    private static final Path REGISTRY = Path.of("src/main/registry");

    @TempDir
    static Path classes;

    private static Constructor<?> create;
    private static Method run;
    private static Field errors;

    @TempDir
    Path work;

    @BeforeAll
    static void compileGenerator() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("tests need a JDK").isNotNull();
        assertThat(javac.run(null, null, null, "-d", classes.toString(), GENERATOR.toString())).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ModelGeneratorTest.class.getClassLoader());
        Class<?> c = loader.loadClass("ModelGenerator");
        create = c.getDeclaredConstructor();
        create.setAccessible(true);
        run = c.getDeclaredMethod("run", Path.class, Path.class, Path.class);
        run.setAccessible(true);
        errors = c.getDeclaredField("errors");
        errors.setAccessible(true);
    }

    @SuppressWarnings("unchecked")
    private List<String> generate(String file, String schema) throws Exception {
        Path model = Files.createDirectories(work.resolve("model"));
        Files.writeString(model.resolve(file), schema);
        Object g = create.newInstance();
        run.invoke(g, REGISTRY, model, work.resolve("out"));
        return (List<String>) errors.get(g);
    }

    private Path generated(String pkg, String name) {
        return work.resolve("out/io/kmipstack/codec").resolve(pkg).resolve(name + ".java");
    }

    @Test
    void generatesStructChoiceBagAndDispatch() throws Exception {
        List<String> e = generate("payload-test.schema", """
                # A test payload.
                struct GetRequestPayload tag=RequestPayload operation=Get kind=request
                  UniqueIdentifier  Id           ?
                  KeyFormatType     Enumeration  ?
                """);
        assertThat(e).isEmpty();
        String payload = Files.readString(generated("payload", "GetRequestPayload"));
        assertThat(payload).contains("public record GetRequestPayload(", "implements RequestPayload",
                "UniqueIdentifier uniqueIdentifier", "KeyFormatType keyFormatType", "case 0x420094 -> { // UniqueIdentifier",
                " * A test payload.");
        assertThat(Files.readString(generated("payload", "RequestPayloads")))
                .contains("case 0x0000000A -> GetRequestPayload.decode(item); // Get");
        assertThat(Files.readString(generated("payload", "ResponsePayloads"))).contains("default -> RawPayload.decode(item);");
    }

    @Test
    void rejectsAnUnknownTag() throws Exception {
        assertThat(generate("a.schema", "struct ProtocolVersion\n  ProtocolVersionMajr  Integer  1\n"))
                .containsExactly("a.schema:2: unknown tag ProtocolVersionMajr in struct ProtocolVersion");
    }

    @Test
    void rejectsAnUnknownType() throws Exception {
        assertThat(generate("a.schema", "struct ProtocolVersion\n  ProtocolVersionMajor  Int  1\n"))
                .containsExactly("a.schema:2: unknown type Int of field ProtocolVersionMajor in struct ProtocolVersion");
    }

    @Test
    void rejectsADuplicateStruct() throws Exception {
        assertThat(generate("a.schema", """
                struct Nonce
                  NonceID  ByteString  1

                struct Nonce
                  NonceValue  ByteString  1
                """)).containsExactly("a.schema:4: duplicate type Nonce (first at a.schema:1)");
    }

    @Test
    void rejectsTwoFieldsWithOneTag() throws Exception {
        assertThat(generate("a.schema", """
                struct Nonce
                  NonceID  ByteString  1
                  NonceID  ByteString  ?  name=again
                """)).containsExactly("a.schema:3: struct Nonce: two fields with tag NonceID (allowed only with different item types)");
    }

    @Test
    void rejectsAChoiceTagThatAFieldAlsoUses() throws Exception {
        assertThat(generate("a.schema", """
                struct SymmetricKey
                  KeyBlock  Any  1

                struct SecretData
                  KeyBlock  Any  1

                choice Key
                  SymmetricKey
                  SecretData

                struct Holder tag=RequestPayload
                  Key           Key        ?
                  SymmetricKey  Any        ?
                """)).singleElement().asString().contains("struct Holder: two fields with tag SymmetricKey");
    }

    @Test
    void rejectsAnEnumerationFieldWithoutEnumeration() throws Exception {
        assertThat(generate("a.schema", "struct Nonce\n  NonceID  Enumeration  1\n"))
                .containsExactly("a.schema:2: Enumeration field NonceID: the tag has no enumeration in tags.tsv");
    }

    @Test
    void rejectsAFieldDefinedInNoVersion() throws Exception {
        // Attribute Index ends with 1.4; since=2.0 leaves nothing.
        assertThat(generate("a.schema", "struct Attribute\n  AttributeIndex  Integer  ?  since=2.0\n"))
                .singleElement().asString().startsWith("a.schema:2: Attribute.AttributeIndex: defined in no version");
    }

    @Test
    void rejectsSelectorValuesOutsideTheEnumeration() throws Exception {
        assertThat(generate("a.schema", """
                struct Ticket
                  TicketType   Enumeration  1

                choice CredentialValue by=CredentialType
                  Passport  Ticket
                """)).containsExactly("a.schema:5: choice CredentialValue: Passport is not a value of CredentialType");
    }

    @Test
    void rejectsASelectedFieldWithoutItsSelector() throws Exception {
        assertThat(generate("a.schema", """
                struct Ticket tag=CredentialValue
                  TicketType   Enumeration  1

                choice CredentialValue by=CredentialType
                  Ticket  Ticket

                struct Credential
                  CredentialValue  CredentialValue  1
                """)).singleElement().asString().contains("needs a single Enumeration field CredentialType");
    }

    @Test
    void rejectsAFieldNameThatCannotBeARecordComponent() throws Exception {
        assertThat(generate("a.schema", "struct Nonce\n  NonceID  ByteString  1  name=hashCode\n"))
                .singleElement().asString().contains("field name hashCode cannot be a record component");
    }

    @Test
    void checkNamesAHandWrittenGateThatEncodeCallsFirst() throws Exception {
        assertThat(generate("a.schema", """
                struct Attribute check=AttributeVersionCheck
                  AttributeName   TextString  1
                  AttributeValue  Any         ?
                """)).isEmpty();
        String attribute = Files.readString(generated("model", "Attribute"));
        assertThat(attribute).contains("    public Ttlv encode(int tag, KmipVersion v) {\n"
                + "        AttributeVersionCheck.check(this, v);\n"
                + "        ArrayList<Ttlv> out");
        // The direct writer runs the same check first, before writing anything.
        assertThat(attribute).contains("    public void writeTo(TtlvWriter w, int tag, KmipVersion v) {\n"
                + "        AttributeVersionCheck.check(this, v);\n"
                + "        int mark = w.beginStructure(tag);\n");
    }

    @Test
    void writeToMirrorsEncodeFieldByField() throws Exception {
        assertThat(generate("a.schema", """
                struct RequestHeader message
                  ProtocolVersionMajor          Integer      1
                  ClientCorrelationValue        TextString   ?   since=1.4
                  AttestationType               Enumeration  *   since=1.2
                  Nonce                         Any          ?
                """)).isEmpty();
        String header = Files.readString(generated("model", "RequestHeader"));
        assertThat(header).contains("""
                    public void writeTo(TtlvWriter w, int tag, KmipVersion v) {
                        int mark = w.beginStructure(tag);
                        w.integer(0x42006A, protocolVersionMajor);
                        if (clientCorrelationValue != null) {
                            FieldCodec.checkField(v, KmipVersion.V1_4, null, "RequestHeader", "ClientCorrelationValue");
                            w.text(0x420105, clientCorrelationValue);
                        }
                        if (!attestationType.isEmpty()) {
                            FieldCodec.checkField(v, KmipVersion.V1_2, null, "RequestHeader", "AttestationType");
                            for (AttestationType each : attestationType) {
                                FieldCodec.writeEnumeration(w, 0x4200C7, each, v, "RequestHeader", "AttestationType");
                            }
                        }
                        if (nonce != null) {
                            FieldCodec.checkField(v, KmipVersion.V1_2, null, "RequestHeader", "Nonce");
                            w.write(0x4200C8, nonce);
                        }
                        w.endStructure(mark);
                    }
                """, "public byte[] toBytes(KmipVersion v) {", "import io.kmipstack.codec.ttlv.TtlvWriter;");
    }

    @Test
    void messageIsOnlyForStructs() throws Exception {
        assertThat(generate("a.schema", "bag Attributes message\n"))
                .containsExactly("a.schema:1: message is only for struct");
        assertThat(generate("a.schema", "struct Nonce\n  NonceID  ByteString  1\n")).isEmpty();
        assertThat(Files.readString(generated("model", "Nonce"))).contains("public void writeTo(TtlvWriter w, KmipVersion v)")
                .doesNotContain("toBytes");
    }

    @Test
    void rejectsACheckOutsideAStructOrPackage() throws Exception {
        assertThat(generate("a.schema", "bag Attributes check=Gate\nstruct Nonce check=other.Gate\n  NonceID  ByteString  1\n"))
                .containsExactly("a.schema:1: check=Gate (expected: on a struct, the name of a class in its package)",
                        "a.schema:2: check=other.Gate (expected: on a struct, the name of a class in its package)");
    }

    @Test
    void reportsEveryErrorAtOnce() throws Exception {
        assertThat(generate("a.schema", """
                strukt Nonce
                struct Nonce
                  NonceID    Bytes  1
                  NonceValu  ByteString  1
                  NonceID    ByteString  x
                """)).hasSize(4);
    }
}
