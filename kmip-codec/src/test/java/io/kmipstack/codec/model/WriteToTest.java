package io.kmipstack.codec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.payload.GetAttributesRequestPayload;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.RawPayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.registry.CredentialType;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.EnumValueDef;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvWriter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@code writeTo} methods (UniqueIdentifier, KeyValue, KeyMaterial,
 * AttributeReference, RawPayload, the payload interfaces' defaults), the selector choice's
 * {@code Unknown} and the {@code FieldCodec} writer twins, on values the shared vectors do not
 * hold: for every version, the bytes of the tree path or its refusal, exactly.
 */
class WriteToTest {

    private static final Instant T = Instant.parse("2024-01-02T03:04:05.123456789Z");

    /** Written and refused counts over the seven versions, after checking each version agrees. */
    private record Counts(int written, int refused) {}

    private static Counts sameForEveryVersion(Function<KmipVersion, Ttlv> encode, BiConsumer<TtlvWriter, KmipVersion> writeTo) {
        int written = 0;
        int refused = 0;
        for (KmipVersion v : KmipVersion.SUPPORTED) {
            byte[] expected;
            try {
                expected = TtlvEncoder.encode(encode.apply(v));
            } catch (RuntimeException e) {
                refused++;
                TtlvWriter w = new TtlvWriter();
                assertThatThrownBy(() -> writeTo.accept(w, v)).as("KMIP " + v)
                        .isInstanceOf(e.getClass()).hasMessage(e.getMessage());
                continue;
            }
            written++;
            TtlvWriter w = new TtlvWriter();
            writeTo.accept(w, v);
            assertThat(w.toByteArray()).as("KMIP " + v).isEqualTo(expected);
        }
        return new Counts(written, refused);
    }

    @Test
    void credentialsIncludingAnUnknownCredentialType() {
        Credential hashed = new Credential(CredentialType.HASHED_PASSWORD,
                new HashedPasswordCredential("alice", T, null, Bytes.of(new byte[] {1, 2, 3})));
        // A vendor credential type keeps its value raw, here under another tag: written under Credential Value.
        Credential vendor = new Credential(CredentialType.valueOf(0x8000_0001),
                new CredentialValue.Unknown(Ttlv.structure(0x540001, Ttlv.text(0x540002, "token"))));
        Credential password = new Credential(CredentialType.USERNAME_AND_PASSWORD,
                new UsernameAndPasswordCredential("bob", "secret"));
        Authentication all = new Authentication(List.of(password, vendor, hashed));
        // Hashed Password (and its Date-Time Extended) came with 2.0.
        assertThat(sameForEveryVersion(all::encode, all::writeTo)).isEqualTo(new Counts(2, 5));
        Authentication old = new Authentication(List.of(password, vendor));
        assertThat(sameForEveryVersion(old::encode, old::writeTo)).isEqualTo(new Counts(7, 0));
        CredentialValue unknown = vendor.credentialValue();
        assertThat(sameForEveryVersion(unknown::encode, unknown::writeTo)).isEqualTo(new Counts(7, 0));
    }

    @Test
    void uniqueIdentifierTextPlaceholderAndIndex() {
        for (UniqueIdentifier id : List.of(UniqueIdentifier.of("8a2f"),
                new UniqueIdentifier.Placeholder(io.kmipstack.codec.registry.UniqueIdentifier.ID_PLACEHOLDER),
                new UniqueIdentifier.Index(-1))) {
            GetRequestPayload get = new GetRequestPayload(id, KeyFormatType.RAW, null, null, null);
            Counts c = sameForEveryVersion(get::encode, get::writeTo);
            // Placeholders and indexes are 2.x only.
            assertThat(c).as(id.toString()).isEqualTo(id instanceof UniqueIdentifier.Text ? new Counts(7, 0) : new Counts(2, 5));
        }
    }

    @Test
    void keyValuesWrappedAndPlainWithEitherAttributeForm() {
        Ttlv transparent = Ttlv.structure(0x540010, Ttlv.bytes(Tag.KEY, Bytes.of(new byte[16])));
        Attribute v1 = new Attribute(null, "Cryptographic Length", null, Ttlv.integer(Tag.ATTRIBUTE_VALUE, 128));
        Attributes v2 = new Attributes(List.of(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)));
        record Case(KeyValue value, Counts expected) {}
        for (Case c : List.of(
                new Case(KeyValue.wrapped(Bytes.of(new byte[24])), new Counts(7, 0)),
                new Case(KeyValue.of(KeyMaterial.of(Bytes.of(new byte[32]))), new Counts(7, 0)),
                new Case(new KeyValue.Plain(KeyMaterial.transparent(transparent), List.of(v1), null), new Counts(5, 2)),
                new Case(new KeyValue.Plain(KeyMaterial.transparent(transparent), List.of(), v2), new Counts(2, 5)))) {
            SymmetricKey key = new SymmetricKey(new KeyBlock(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY, null, c.value(),
                    CryptographicAlgorithm.AES, 128, null));
            assertThat(sameForEveryVersion(key::encode, key::writeTo)).as(c.value().toString()).isEqualTo(c.expected());
        }
    }

    @Test
    void attributeReferencesByTagAndVendor() {
        GetAttributesRequestPayload get = new GetAttributesRequestPayload(UniqueIdentifier.of("1"), null,
                List.of(AttributeReference.of(Tag.STATE), AttributeReference.vendor("x", "Owner")));
        assertThat(sameForEveryVersion(get::encode, get::writeTo)).isEqualTo(new Counts(2, 5));
    }

    @Test
    void rawPayloadsUnderTheirOwnTagAndTheFieldTag() {
        RawPayload raw = new RawPayload(Ttlv.structure(0x540020, Ttlv.text(0x540021, "vendor")));
        RequestBatchItem item = new RequestBatchItem(Operation.valueOf(0x8000_0010), null, null, raw, null);
        assertThat(sameForEveryVersion(item::encode, item::writeTo)).isEqualTo(new Counts(7, 0));
        assertThat(sameForEveryVersion(raw::encode, raw::writeTo)).isEqualTo(new Counts(7, 0));
    }

    /** A payload type of another library: the interface's default writes through its tree. */
    private record OtherPayload(String note) implements RequestPayload {
        @Override
        public Ttlv encode(KmipVersion v) {
            return encode(Tag.REQUEST_PAYLOAD, v);
        }

        @Override
        public Ttlv encode(int tag, KmipVersion v) {
            if (!v.atLeast(KmipVersion.V1_2)) {
                throw new KmipEncodingException("OtherPayload: not defined in KMIP " + v);
            }
            return Ttlv.structure(tag, Ttlv.text(0x540030, note));
        }
    }

    @Test
    void payloadsOfOtherTypesUseTheDefault() {
        RequestBatchItem item = new RequestBatchItem(Operation.valueOf(0x8000_0011), null, null, new OtherPayload("n"), null);
        assertThat(sameForEveryVersion(item::encode, item::writeTo)).isEqualTo(new Counts(5, 2));
        OtherPayload p = new OtherPayload("n");
        assertThat(sameForEveryVersion(p::encode, p::writeTo)).isEqualTo(new Counts(5, 2));
    }

    @Test
    void fieldCodecTwinsShareTheirChecks() {
        int tag = 0x540040;
        assertThat(written(w -> FieldCodec.writeBigInteger(w, tag, Bytes.fromHex("FF01"))))
                .isEqualTo(TtlvEncoder.encode(FieldCodec.bigInteger(tag, Bytes.fromHex("FF01"))));
        assertThat(written(w -> FieldCodec.writeBigInteger(w, tag, Bytes.EMPTY)))
                .isEqualTo(TtlvEncoder.encode(FieldCodec.bigInteger(tag, Bytes.EMPTY)));
        assertThat(written(w -> FieldCodec.writeDateTimeExtended(w, tag, T)))
                .isEqualTo(TtlvEncoder.encode(FieldCodec.dateTimeExtended(tag, T)));
        assertThat(written(w -> FieldCodec.writeInterval(w, tag, 86400, "S", "F")))
                .isEqualTo(TtlvEncoder.encode(FieldCodec.interval(tag, 86400, "S", "F")));
        assertSameRefusal(() -> FieldCodec.interval(tag, -5, "S", "F"),
                () -> FieldCodec.writeInterval(new TtlvWriter(), tag, -5, "S", "F"));
        assertSameRefusal(() -> FieldCodec.enumeration(tag, CredentialType.TICKET, KmipVersion.V1_4, "S", "F"),
                () -> FieldCodec.writeEnumeration(new TtlvWriter(), tag, CredentialType.TICKET, KmipVersion.V1_4, "S", "F"));
        EnumValueDef newer = Registry.enumeration("CryptographicUsageMask").values().stream()
                .filter(b -> !b.definedIn(KmipVersion.V1_0)).findFirst().orElseThrow();
        assertSameRefusal(() -> FieldCodec.mask(tag, newer.code(), "CryptographicUsageMask", KmipVersion.V1_0, "S", "F"),
                () -> FieldCodec.writeMask(new TtlvWriter(), tag, newer.code(), "CryptographicUsageMask", KmipVersion.V1_0, "S", "F"));
        assertThat(written(w -> FieldCodec.writeMask(w, tag, newer.code(), "CryptographicUsageMask", KmipVersion.V2_1, "S", "F")))
                .isEqualTo(TtlvEncoder.encode(FieldCodec.mask(tag, newer.code(), "CryptographicUsageMask", KmipVersion.V2_1, "S", "F")));
    }

    @Test
    void aRefusedFieldStopsTheWriteWhereEncodeStops() {
        // Ephemeral (2.0) in a 1.4 message: refused after the Operation was written, nothing after it.
        RequestBatchItem item = new RequestBatchItem(Operation.GET, true, null,
                new GetRequestPayload(UniqueIdentifier.of("1"), null, null, null, null), null);
        TtlvWriter w = new TtlvWriter();
        assertThatThrownBy(() -> item.writeTo(w, KmipVersion.V1_4)).isInstanceOf(KmipEncodingException.class)
                .hasMessage("RequestBatchItem.Ephemeral: not defined in KMIP 1.4 (defined since 2.0)");
        assertThat(w.size()).isEqualTo(8 + 16);
    }

    private static byte[] written(java.util.function.Consumer<TtlvWriter> body) {
        TtlvWriter w = new TtlvWriter(0);
        body.accept(w);
        return w.toByteArray();
    }

    private static void assertSameRefusal(Runnable tree, Runnable direct) {
        RuntimeException expected = null;
        try {
            tree.run();
        } catch (RuntimeException e) {
            expected = e;
        }
        Objects.requireNonNull(expected, "the tree path did not refuse");
        assertThatThrownBy(direct::run).isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
    }
}
