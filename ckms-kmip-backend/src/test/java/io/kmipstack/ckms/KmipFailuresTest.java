package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.client.KmipConnectionException;
import io.kmipstack.client.KmipTimeoutException;
import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.ResultReason;
import org.junit.jupiter.api.Test;

/** Which typed failure each KMIP outcome becomes, and which are retryable. */
class KmipFailuresTest {

    static CkmsException map(ResultReason r) {
        return KmipFailures.map("unwrap dek d with kek 7", new KmipException(r, "server says"));
    }

    @Test
    void reasonsMapToKinds() {
        assertThat(map(ResultReason.PERMISSION_DENIED)).isInstanceOf(KmsAccessDeniedException.class);
        assertThat(map(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL)).isInstanceOf(KmsAccessDeniedException.class);
        assertThat(map(ResultReason.ITEM_NOT_FOUND)).isInstanceOf(KekNotFoundException.class);
        assertThat(map(ResultReason.OBJECT_DESTROYED)).isInstanceOf(KekNotFoundException.class);
        assertThat(map(ResultReason.WRONG_KEY_LIFECYCLE_STATE)).isInstanceOf(KekNotUsableException.class);
        assertThat(map(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK)).isInstanceOf(KekNotUsableException.class);
        assertThat(map(ResultReason.OPERATION_NOT_SUPPORTED)).isInstanceOf(KekNotUsableException.class);
        assertThat(map(ResultReason.SERVER_LIMIT_EXCEEDED)).isInstanceOf(KmsUnavailableException.class);
        assertThat(map(ResultReason.INVALID_MESSAGE)).isExactlyInstanceOf(CkmsException.class);
        assertThat(map(ResultReason.PERMISSION_DENIED)).hasMessage("unwrap dek d with kek 7: " + ResultReason.PERMISSION_DENIED
                + " (server says)");
    }

    @Test
    void connectionFailuresAreUnavailableAndRetryable() {
        CkmsException refused = KmipFailures.map("wrap", new KmipConnectionException("connect to kms1:5696: Connection refused"));
        assertThat(refused).isInstanceOf(KmsUnavailableException.class).hasMessage("wrap: connect to kms1:5696: Connection refused");
        assertThat(refused.retryable()).isTrue();
        assertThat(KmipFailures.map("wrap", new KmipTimeoutException("after 30 s"))).isInstanceOf(KmsUnavailableException.class);
        assertThat(map(ResultReason.PERMISSION_DENIED).retryable()).isFalse();
    }

    @Test
    void aDecryptThatFailsItsCheckIsAnIntegrityFailure() {
        assertThat(KmipFailures.mapDecrypt("unwrap", new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "tag mismatch")))
                .isInstanceOf(IntegrityException.class);
        // PyKMIP 0.10's answer to a GCM tag mismatch.
        assertThat(KmipFailures.mapDecrypt("unwrap", new KmipException(ResultReason.GENERAL_FAILURE, "Operation failed.")))
                .isInstanceOf(IntegrityException.class);
        assertThat(KmipFailures.mapDecrypt("unwrap", new KmipConnectionException("reset"))).isInstanceOf(KmsUnavailableException.class);
        assertThat(KmipFailures.mapDecrypt("unwrap", new KmipException(ResultReason.ITEM_NOT_FOUND, "gone")))
                .isInstanceOf(KekNotFoundException.class);
    }
}
