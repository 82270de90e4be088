package io.kmipstack.server;

import io.kmipstack.codec.ttlv.TtlvLimits;
import io.kmipstack.server.message.MessageDispatcher;

/**
 * What one client may ask of the server: the largest request message in bytes (a larger TTLV
 * frame closes the connection, a larger HTTPS body is answered 413), the most batch items in one
 * message (more are refused with Server Limit Exceeded, General Failure before 2.0), and the most
 * connections open at once over both ports (a connection beyond it is closed on accept).
 */
public record ServerLimits(int maxMessageSize, int maxBatchItems, int maxConnections) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = TtlvLimits.DEFAULT_MAX_MESSAGE_SIZE;
    public static final int DEFAULT_MAX_BATCH_ITEMS = MessageDispatcher.DEFAULT_MAX_BATCH_ITEMS;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final ServerLimits DEFAULT =
            new ServerLimits(DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_BATCH_ITEMS, DEFAULT_MAX_CONNECTIONS);

    public ServerLimits {
        if (maxMessageSize < 64) {
            throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: >= 64)");
        }
        if (maxBatchItems < 1) {
            throw new IllegalArgumentException("maxBatchItems: " + maxBatchItems + " (expected: >= 1)");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 1)");
        }
    }

    public ServerLimits withMaxMessageSize(int size) {
        return new ServerLimits(size, maxBatchItems, maxConnections);
    }

    public ServerLimits withMaxBatchItems(int items) {
        return new ServerLimits(maxMessageSize, items, maxConnections);
    }

    public ServerLimits withMaxConnections(int connections) {
        return new ServerLimits(maxMessageSize, maxBatchItems, connections);
    }

    TtlvLimits ttlvLimits() {
        return new TtlvLimits(maxMessageSize, TtlvLimits.DEFAULT_MAX_DEPTH);
    }
}
