package io.kmipstack.codec.testcase;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import org.junit.jupiter.api.Test;

class TreeDiffTest {

    private static Ttlv batchItem(ResultStatus status, String uid) {
        return Ttlv.structure(Tag.BATCH_ITEM,
                Ttlv.enumeration(Tag.OPERATION, Operation.CREATE.value()),
                Ttlv.enumeration(Tag.RESULT_STATUS, status.value()),
                Ttlv.structure(Tag.RESPONSE_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid)));
    }

    @Test
    void equalTreesHaveNoDifference() {
        Ttlv a = Ttlv.structure(Tag.RESPONSE_MESSAGE, batchItem(ResultStatus.SUCCESS, "1"));
        assertThat(TreeDiff.first(a, Ttlv.structure(Tag.RESPONSE_MESSAGE, batchItem(ResultStatus.SUCCESS, "1")))).isEmpty();
    }

    @Test
    void namesThePathAndTheEnumerationValues() {
        Ttlv e = Ttlv.structure(Tag.RESPONSE_MESSAGE, batchItem(ResultStatus.SUCCESS, "1"), batchItem(ResultStatus.SUCCESS, "2"));
        Ttlv a = Ttlv.structure(Tag.RESPONSE_MESSAGE, batchItem(ResultStatus.SUCCESS, "1"), batchItem(ResultStatus.OPERATION_FAILED, "2"));
        TreeDiff.Difference d = TreeDiff.first(e, a).orElseThrow();
        assertThat(d.path()).isEqualTo("ResponseMessage/BatchItem[1]/ResultStatus");
        assertThat(d.expected()).isEqualTo("Success");
        assertThat(d.actual()).isEqualTo("OperationFailed");
    }

    @Test
    void reportsMissingAndExtraChildren() {
        Ttlv shorter = Ttlv.structure(Tag.RESPONSE_MESSAGE, batchItem(ResultStatus.SUCCESS, "1"));
        Ttlv longer = Ttlv.structure(Tag.RESPONSE_MESSAGE, batchItem(ResultStatus.SUCCESS, "1"), batchItem(ResultStatus.SUCCESS, "2"));
        assertThat(TreeDiff.first(longer, shorter).orElseThrow())
                .isEqualTo(new TreeDiff.Difference("ResponseMessage/BatchItem[1]", "present", "absent"));
        assertThat(TreeDiff.first(shorter, longer).orElseThrow())
                .isEqualTo(new TreeDiff.Difference("ResponseMessage/BatchItem[1]", "absent", "present"));
    }

    @Test
    void neverPrintsByteContent() {
        Ttlv e = Ttlv.bytes(Tag.KEY_MATERIAL, Bytes.fromHex("00112233445566778899AABBCCDDEEFF"));
        Ttlv a = Ttlv.bytes(Tag.KEY_MATERIAL, Bytes.fromHex("FFEEDDCCBBAA99887766554433221100"));
        TreeDiff.Difference d = TreeDiff.first(e, a).orElseThrow();
        assertThat(d.toString()).doesNotContain("0011", "ffee", "FFEE").contains("16 bytes, sha256 ");
        assertThat(d.expected()).isNotEqualTo(d.actual());
    }

    @Test
    void passwordsAreFingerprintedLikeBytes() {
        TreeDiff.Difference d = TreeDiff.first(Ttlv.text(Tag.PASSWORD, "hunter2"), Ttlv.text(Tag.PASSWORD, "hunter3"))
                .orElseThrow();
        assertThat(d.toString()).doesNotContain("hunter").contains("7 bytes, sha256 ");
        assertThat(d.expected()).isNotEqualTo(d.actual());
        // Other text is shown as it is.
        assertThat(TreeDiff.first(Ttlv.text(Tag.USERNAME, "alice"), Ttlv.text(Tag.USERNAME, "bob")).orElseThrow().actual())
                .isEqualTo("\"bob\"");
    }

    @Test
    void masksPrintAsWords() {
        Ttlv e = Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x0C);
        Ttlv a = Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x04);
        TreeDiff.Difference d = TreeDiff.first(e, a).orElseThrow();
        assertThat(d.expected()).isEqualTo("Encrypt Decrypt");
        assertThat(d.actual()).isEqualTo("Encrypt");
    }
}
