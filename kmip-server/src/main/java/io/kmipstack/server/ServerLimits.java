package io.kmipstack.server;

import io.kmipstack.codec.ttlv.TtlvLimits;
import io.kmipstack.server.message.MessageDispatcher;

/**
 * What one client may ask of the server: the largest request message in bytes (a larger TTLV
 * frame closes the connection, a larger HTTPS body is answered 413), the most batch items in one
 * message (more are refused with Server Limit Exceeded, General Failure before 2.0), the most
 * connections open at once over both ports (a connection beyond it is closed on accept), the
 * deepest nesting of Structures in a request (deeper is answered Invalid Message), and the most
 * attributes one request may carry, counted over its 1.x Attribute structures and the members of
 * its 2.x Attributes structures (more are refused like too many batch items).
 */
public record ServerLimits(int maxMessageSize, int maxBatchItems, int maxConnections, int maxDepth, int maxAttributes) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = TtlvLimits.DEFAULT_MAX_MESSAGE_SIZE;
    public static final int DEFAULT_MAX_BATCH_ITEMS = MessageDispatcher.DEFAULT_MAX_BATCH_ITEMS;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_DEPTH = TtlvLimits.DEFAULT_MAX_DEPTH;
    public static final int DEFAULT_MAX_ATTRIBUTES = MessageDispatcher.DEFAULT_MAX_ATTRIBUTES;
    public static final ServerLimits DEFAULT = new ServerLimits(DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_BATCH_ITEMS,
            DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ATTRIBUTES);

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
        // A request message is at least four levels deep (message, batch item, payload, field).
        if (maxDepth < 4 || maxDepth > TtlvLimits.MAX_DEPTH_CAP) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: 4 to " + TtlvLimits.MAX_DEPTH_CAP + ")");
        }
        if (maxAttributes < 1) {
            throw new IllegalArgumentException("maxAttributes: " + maxAttributes + " (expected: >= 1)");
        }
    }

    /** The limits with the default nesting depth and attribute count. */
    public ServerLimits(int maxMessageSize, int maxBatchItems, int maxConnections) {
        this(maxMessageSize, maxBatchItems, maxConnections, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ATTRIBUTES);
    }

    public ServerLimits withMaxMessageSize(int size) {
        return new ServerLimits(size, maxBatchItems, maxConnections, maxDepth, maxAttributes);
    }

    public ServerLimits withMaxBatchItems(int items) {
        return new ServerLimits(maxMessageSize, items, maxConnections, maxDepth, maxAttributes);
    }

    public ServerLimits withMaxConnections(int connections) {
        return new ServerLimits(maxMessageSize, maxBatchItems, connections, maxDepth, maxAttributes);
    }

    public ServerLimits withMaxDepth(int depth) {
        return new ServerLimits(maxMessageSize, maxBatchItems, maxConnections, depth, maxAttributes);
    }

    public ServerLimits withMaxAttributes(int attributes) {
        return new ServerLimits(maxMessageSize, maxBatchItems, maxConnections, maxDepth, attributes);
    }

    TtlvLimits ttlvLimits() {
        return new TtlvLimits(maxMessageSize, maxDepth);
    }
}
