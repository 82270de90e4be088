package io.kmipstack.client;

import io.kmipstack.codec.registry.BatchErrorContinuationOption;

/**
 * Request-header fields chosen per message rather than per client: the Client Correlation Value
 * (KMIP 1.4 and later), and for batches the Batch Error Continuation Option and Batch Order Option.
 * Null fields are not sent.
 */
record MessageOptions(String clientCorrelationValue, BatchErrorContinuationOption batchErrorContinuationOption,
        Boolean batchOrderOption) {

    static final MessageOptions NONE = new MessageOptions(null, null, null);
}
