package io.kmipstack.server.security;

import static io.kmipstack.server.security.Conversation.attribute;
import static io.kmipstack.server.security.Conversation.createKey;
import static io.kmipstack.server.security.Conversation.id;
import static io.kmipstack.server.security.Conversation.item;
import static io.kmipstack.server.security.Conversation.name;
import static io.kmipstack.server.security.Conversation.registerSecret;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.LocateResponsePayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identity B ("bob") cannot see, use, change or destroy identity A's ("alice") objects, in every
 * protocol version 1.0 to 2.1: every operation that names an object is tried by bob on alice's
 * key and secret, alone, in batches (Continue, so that every item runs), and through the ID
 * Placeholder (left by a Locate, and named explicitly in 2.x). Each must fail; the object-management
 * and attribute operations must fail exactly as for an object that does not exist (Item Not Found,
 * Object Not Found in 2.x), so that bob learns nothing, not even the object's state (a 1.x
 * Permission Denied for a wrong state would tell him); no answer to bob carries alice's
 * secret bytes; and alice's objects are unchanged afterwards (same attributes, same material).
 * The same request sent by alice on her own object is the control: it never looks absent to her,
 * so the refusals above are about who asked, not about a malformed request.
 */
class IsolationTest {

    private static final String SECRET_HEX = "5ec12e7b1d5ea0c0ffee00112233445566778899aabbccddeeff0011223344";

    /** Operations that must look exactly like a missing object to bob. */
    private static final Map<Operation, Req> MANAGEMENT = new LinkedHashMap<>();
    /** Cryptographic operations (1.2 and later): they too must look like a missing object to bob. */
    private static final Map<Operation, Req> USE = new LinkedHashMap<>();

    static {
        MANAGEMENT.put(Operation.GET, (v, uid, current) -> item("Get", id(uid)));
        MANAGEMENT.put(Operation.GET_ATTRIBUTES, (v, uid, current) -> item("GetAttributes", id(uid)));
        MANAGEMENT.put(Operation.GET_ATTRIBUTE_LIST, (v, uid, current) -> item("GetAttributeList", id(uid)));
        MANAGEMENT.put(Operation.ADD_ATTRIBUTE, (v, uid, current) -> item("AddAttribute", id(uid) + wrapNew(v,
                attribute(v, "Contact Information", "<AttributeValue type=\"TextString\" value=\"bob\"/>",
                        "<ContactInformation type=\"TextString\" value=\"bob\"/>"))));
        MANAGEMENT.put(Operation.MODIFY_ATTRIBUTE, (v, uid, current) -> item("ModifyAttribute", id(uid) + (v.isV2()
                ? "<CurrentAttribute>" + name(v, current) + "</CurrentAttribute><NewAttribute>" + name(v, "bob-was-here")
                        + "</NewAttribute>"
                : name(v, "bob-was-here"))));
        MANAGEMENT.put(Operation.DELETE_ATTRIBUTE, (v, uid, current) -> item("DeleteAttribute", id(uid) + (v.isV2()
                ? "<CurrentAttribute>" + name(v, current) + "</CurrentAttribute>"
                : "<AttributeName type=\"TextString\" value=\"Name\"/>")));
        MANAGEMENT.put(Operation.SET_ATTRIBUTE, (v, uid, current) -> item("SetAttribute", id(uid)
                + "<NewAttribute><ContactInformation type=\"TextString\" value=\"bob\"/></NewAttribute>"));
        MANAGEMENT.put(Operation.ADJUST_ATTRIBUTE, (v, uid, current) -> item("AdjustAttribute", id(uid)
                + "<AttributeReference type=\"Enumeration\" value=\"CryptographicLength\"/>"
                + "<AdjustmentType type=\"Enumeration\" value=\"Increment\"/><AdjustmentValue type=\"Integer\" value=\"1\"/>"));
        MANAGEMENT.put(Operation.ACTIVATE, (v, uid, current) -> item("Activate", id(uid)));
        MANAGEMENT.put(Operation.REVOKE, (v, uid, current) -> item("Revoke", id(uid)
                + "<RevocationReason><RevocationReasonCode type=\"Enumeration\" value=\"CessationOfOperation\"/></RevocationReason>"));
        MANAGEMENT.put(Operation.DESTROY, (v, uid, current) -> item("Destroy", id(uid)));
        MANAGEMENT.put(Operation.ARCHIVE, (v, uid, current) -> item("Archive", id(uid)));
        MANAGEMENT.put(Operation.RECOVER, (v, uid, current) -> item("Recover", id(uid)));
        MANAGEMENT.put(Operation.RE_KEY, (v, uid, current) -> item("ReKey", id(uid)));
        MANAGEMENT.put(Operation.CHECK, (v, uid, current) -> item("Check", id(uid)));
        MANAGEMENT.put(Operation.OBTAIN_LEASE, (v, uid, current) -> item("ObtainLease", id(uid)));
        MANAGEMENT.put(Operation.GET_USAGE_ALLOCATION, (v, uid, current) -> item("GetUsageAllocation", id(uid)
                + "<UsageLimitsCount type=\"LongInteger\" value=\"1\"/>"));
        MANAGEMENT.put(Operation.EXPORT, (v, uid, current) -> item("Export", id(uid)));

        String cbc = "<CryptographicParameters><BlockCipherMode type=\"Enumeration\" value=\"CBC\"/>"
                + "<PaddingMethod type=\"Enumeration\" value=\"PKCS5\"/></CryptographicParameters>";
        String data = "<Data type=\"ByteString\" value=\"00112233445566778899aabbccddeeff\"/>";
        String iv = "<IVCounterNonce type=\"ByteString\" value=\"000102030405060708090a0b0c0d0e0f\"/>";
        USE.put(Operation.ENCRYPT, (v, uid, current) -> item("Encrypt", id(uid) + cbc + data + iv));
        USE.put(Operation.DECRYPT, (v, uid, current) -> item("Decrypt", id(uid) + cbc + data + iv));
        USE.put(Operation.MAC, (v, uid, current) -> item("MAC", id(uid) + "<CryptographicParameters>"
                + "<CryptographicAlgorithm type=\"Enumeration\" value=\"HMAC_SHA256\"/></CryptographicParameters>" + data));
        USE.put(Operation.SIGN, (v, uid, current) -> item("Sign", id(uid) + data));
    }

    /** One request naming object {@code uid}, whose Name is {@code current}. */
    @FunctionalInterface
    private interface Req {
        String apply(KmipVersion v, String uid, String current);
    }

    private static String locateByName(KmipVersion v, String value) {
        return v.isV2() ? "<Attributes>" + name(v, value) + "</Attributes>" : name(v, value);
    }

    private static String wrapNew(KmipVersion v, String attr) {
        return v.isV2() ? "<NewAttribute>" + attr + "</NewAttribute>" : attr;
    }

    static List<KmipVersion> versions() {
        return KmipVersion.SUPPORTED;
    }

    @ParameterizedTest
    @MethodSource("versions")
    void bobCannotTouchAlicesObjectsAlone(KmipVersion v) {
        World w = new World(v);
        Ttlv before = w.snapshot();
        List<Ttlv> bobSaw = new ArrayList<>();
        int checked = 0;
        for (String target : List.of(w.aliceKey, w.aliceSecret)) {
            for (Map.Entry<Operation, Req> op : MANAGEMENT.entrySet()) {
                if (!op.getKey().definedIn(v)) {
                    continue;
                }
                Ttlv response = w.c.send("bob", v, "", op.getValue().apply(v, target, target.equals(w.aliceKey) ? "alice-key" : "alice-secret"));
                bobSaw.add(response);
                ResponseBatchItem answer = ResponseMessage.decode(response).batchItem().get(0);
                assertThat(answer.resultStatus()).as("%s by bob in %s", op.getKey(), v).isEqualTo(ResultStatus.OPERATION_FAILED);
                assertThat(answer.resultReason()).as("%s by bob in %s: %s", op.getKey(), v, answer.resultMessage())
                        .isIn(ResultReason.ITEM_NOT_FOUND, ResultReason.OBJECT_NOT_FOUND);
                checked++;
            }
            for (Map.Entry<Operation, Req> op : USE.entrySet()) {
                if (!op.getKey().definedIn(v)) {
                    continue;
                }
                Ttlv response = w.c.send("bob", v, "", op.getValue().apply(v, target, target.equals(w.aliceKey) ? "alice-key" : "alice-secret"));
                bobSaw.add(response);
                ResponseBatchItem answer = ResponseMessage.decode(response).batchItem().get(0);
                assertThat(answer.resultStatus()).as("%s by bob in %s", op.getKey(), v).isEqualTo(ResultStatus.OPERATION_FAILED);
                assertThat(answer.resultReason()).as("%s by bob in %s: %s", op.getKey(), v, answer.resultMessage())
                        .isIn(ResultReason.ITEM_NOT_FOUND, ResultReason.OBJECT_NOT_FOUND);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(v.isV2() ? 44 : 28);
        w.assertUnchanged(before, bobSaw);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void theSameRequestsFromTheOwnerAreNotRefusedForAccess(KmipVersion v) {
        World w = new World(v);
        int succeeded = 0;
        for (Map.Entry<Operation, Req> op : MANAGEMENT.entrySet()) {
            if (!op.getKey().definedIn(v)) {
                continue;
            }
            // A fresh key each time: Destroy, Revoke or Archive would change what the next one sees.
            String keyName = "alice-" + op.getKey().name();
            String own = w.create("alice", keyName);
            // An administrator sees every object.
            ResponseBatchItem admin = w.c.one("ops", v, item("GetAttributes", id(own)));
            assertThat(admin.resultStatus()).as("admin in %s: %s", v, admin.resultMessage()).isEqualTo(ResultStatus.SUCCESS);
            ResponseBatchItem answer = w.c.one("alice", v, op.getValue().apply(v, own, keyName));
            assertThat(answer.resultReason()).as("%s by alice in %s: %s", op.getKey(), v, answer.resultMessage())
                    .isNotIn(ResultReason.ITEM_NOT_FOUND, ResultReason.OBJECT_NOT_FOUND);
            if (answer.resultStatus().equals(ResultStatus.SUCCESS)) {
                succeeded++;
            }
        }
        // Get, Get Attributes, Get Attribute List, Add/Modify/Delete Attribute, Activate, Revoke,
        // Destroy and Re-key at least succeed for the owner in every version.
        assertThat(succeeded).as("operations the owner ran successfully in %s", v).isGreaterThanOrEqualTo(9);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void bobCannotReachAlicesObjectsThroughBatchesOrTheIdPlaceholder(KmipVersion v) {
        World w = new World(v);
        Ttlv before = w.snapshot();
        List<Ttlv> bobSaw = new ArrayList<>();
        String cont = "<BatchErrorContinuationOption type=\"Enumeration\" value=\"Continue\"/>";

        // Every object operation on alice's key in one batch: each item fails on its own.
        List<String> all = new ArrayList<>();
        MANAGEMENT.forEach((op, req) -> {
            if (op.definedIn(v)) {
                all.add(req.apply(v, w.aliceKey, "alice-key"));
            }
        });
        Ttlv batch = w.c.send("bob", v, cont, all.toArray(String[]::new));
        bobSaw.add(batch);
        for (ResponseBatchItem bi : ResponseMessage.decode(batch).batchItem()) {
            assertThat(bi.resultStatus()).as("%s in a batch in %s", bi.operation(), v).isEqualTo(ResultStatus.OPERATION_FAILED);
        }

        // Locate by alice's name finds nothing for bob, so the ID Placeholder stays empty and the
        // items after it that name no object fail rather than reach alice's key.
        String noId = "";
        Ttlv viaPlaceholder = w.c.send("bob", v, cont,
                item("Locate", locateByName(v, "alice-key")),
                item("Get", noId),
                item("AddAttribute", noId + wrapNew(v, attribute(v, "Contact Information",
                        "<AttributeValue type=\"TextString\" value=\"bob\"/>", "<ContactInformation type=\"TextString\" value=\"bob\"/>"))),
                item("Destroy", noId));
        bobSaw.add(viaPlaceholder);
        List<ResponseBatchItem> items = ResponseMessage.decode(viaPlaceholder).batchItem();
        assertThat(items.get(0).resultStatus()).as("Locate in %s: %s", v, items.get(0).resultMessage())
                .isEqualTo(ResultStatus.SUCCESS);
        assertThat(((LocateResponsePayload) items.get(0).responsePayload()).uniqueIdentifiers()).isEmpty();
        for (ResponseBatchItem bi : items.subList(1, items.size())) {
            assertThat(bi.resultStatus()).as("%s after an empty Locate in %s", bi.operation(), v).isEqualTo(ResultStatus.OPERATION_FAILED);
        }

        // A failed Get of alice's key does not leave her identifier in the placeholder either.
        Ttlv afterFailure = w.c.send("bob", v, cont, item("Get", id(w.aliceKey)), item("Destroy", noId));
        bobSaw.add(afterFailure);
        assertThat(ResponseMessage.decode(afterFailure).batchItem()).allSatisfy(
                bi -> assertThat(bi.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED));

        if (v.isV2()) {
            // 2.x names the placeholder explicitly.
            String placeholder = "<UniqueIdentifier type=\"Enumeration\" value=\"IDPlaceholder\"/>";
            Ttlv explicit = w.c.send("bob", v, cont, item("Locate", locateByName(v, "alice-key")),
                    item("Destroy", placeholder));
            bobSaw.add(explicit);
            assertThat(ResponseMessage.decode(explicit).batchItem().get(1).resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
        }

        // Control: the placeholder does carry bob's own new key to the next item.
        List<ResponseBatchItem> own = w.c.items("bob", v, createKey(v, "bob-key"), item("GetAttributes", noId));
        assertThat(own.get(1).resultStatus()).as("%s", own.get(1).resultMessage()).isEqualTo(ResultStatus.SUCCESS);

        w.assertUnchanged(before, bobSaw);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void locateShowsBobOnlyHisOwnObjects(KmipVersion v) {
        World w = new World(v);
        String bobs = w.create("bob", "bob-key");
        for (String filter : List.of("", name(v, "alice-key"), name(v, "alice-secret"))) {
            ResponseBatchItem answer = w.c.one("bob", v, item("Locate", v.isV2() && !filter.isEmpty()
                    ? "<Attributes>" + filter + "</Attributes>" : filter));
            assertThat(answer.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            List<String> found = ((LocateResponsePayload) answer.responsePayload()).uniqueIdentifiers().stream()
                    .map(Object::toString).toList();
            assertThat(found).doesNotContain(w.aliceKey, w.aliceSecret);
            if (filter.isEmpty()) {
                assertThat(found).containsExactly(bobs);
            }
        }
        // Control: alice finds her own by name.
        ResponseBatchItem hers = w.c.one("alice", v, item("Locate", locateByName(v, "alice-key")));
        assertThat(((LocateResponsePayload) hers.responsePayload()).uniqueIdentifiers().stream().map(Object::toString))
                .containsExactly(w.aliceKey);
    }

    /** Alice's key and secret in a fresh server, at one version. */
    private static final class World {
        final KmipVersion v;
        final Conversation c = new Conversation(Set.of("ops"));
        final String aliceKey;
        final String aliceSecret;

        World(KmipVersion v) {
            this.v = v;
            this.aliceKey = create("alice", "alice-key");
            ResponseBatchItem reg = c.one("alice", v, registerSecret(v, "alice-secret", SECRET_HEX));
            assertThat(reg.resultStatus()).as("%s", reg.resultMessage()).isEqualTo(ResultStatus.SUCCESS);
            this.aliceSecret = ((RegisterResponsePayload) reg.responsePayload()).uniqueIdentifier().toString();
            // The first Get of an object clears its Fresh attribute (1.1 and later): take that change
            // here, so that later snapshots compare what bob may have changed.
            snapshot();
        }

        String create(String who, String keyName) {
            ResponseBatchItem created = c.one(who, v, createKey(v, keyName));
            assertThat(created.resultStatus()).as("%s", created.resultMessage()).isEqualTo(ResultStatus.SUCCESS);
            return ((CreateResponsePayload) created.responsePayload()).uniqueIdentifier().toString();
        }

        /** Alice's view of both objects: their attributes and their material. */
        Ttlv snapshot() {
            Ttlv response = c.send("alice", v, "", item("GetAttributes", id(aliceKey)), item("GetAttributes", id(aliceSecret)),
                    item("Get", id(aliceKey)), item("Get", id(aliceSecret)));
            assertThat(ResponseMessage.decode(response).batchItem()).allSatisfy(
                    bi -> assertThat(bi.resultStatus()).isEqualTo(ResultStatus.SUCCESS));
            List<Ttlv> payloads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                payloads.add(Conversation.rawPayload(response, i));
            }
            return Ttlv.structure(io.kmipstack.codec.registry.Tag.RESPONSE_PAYLOAD, payloads);
        }

        void assertUnchanged(Ttlv before, List<Ttlv> bobSaw) {
            assertThat(snapshot()).as("alice's objects after bob's attempts in %s", v).isEqualTo(before);
            byte[] secret = HexFormat.of().parseHex(SECRET_HEX);
            for (Ttlv r : bobSaw) {
                assertThat(indexOf(TtlvEncoder.encode(r), secret)).as("alice's secret in an answer to bob").isEqualTo(-1);
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
