package io.kmipstack.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.model.UsageLimits;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.GetAttributesResponsePayload;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.audit.AuditLog;
import io.kmipstack.server.audit.MemoryAuditLog;
import io.kmipstack.server.op.Handlers;
import io.kmipstack.server.store.MasterKey;
import io.kmipstack.server.store.ObjectStore;
import io.kmipstack.server.store.ObjectStores;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Items of operations that normally only read run in read transactions of the SQLite store, so
 * they neither wait for nor hold up writers; when such an item must write after all (the first Get
 * clears Fresh, Encrypt counts down Usage Limits) it runs again in a write transaction and its
 * write is kept; multi-part calls go straight to a write transaction. What the transports answer on
 * their I/O thread ({@link MessageDispatcher#handleWithoutWriting}) is exactly what reads, and
 * everything else is left untouched for the workers.
 */
class ReadTransactionsTest {

    @TempDir
    Path dir;

    private ObjectStore sqlite;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final MemoryAuditLog audit = AuditLog.memory();
    private MessageDispatcher dispatcher;
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @BeforeEach
    void open() {
        sqlite = ObjectStores.sqlite(dir, MasterKey.generate());
        ObjectStore counting = new ObjectStore() {
            @Override
            public <T> T transact(StoreWork<T> work) {
                writes.incrementAndGet();
                return sqlite.transact(work);
            }

            @Override
            public <T> T read(StoreWork<T> work) {
                reads.incrementAndGet();
                return sqlite.read(work);
            }

            @Override
            public void close() {
                sqlite.close();
            }
        };
        dispatcher = MessageDispatcher.builder().handlers(Handlers.standard()).store(counting).audit(audit).build();
    }

    @AfterEach
    void close() {
        other.shutdownNow();
        sqlite.close();
    }

    @Test
    void firstGetWritesFreshOnceThenGetsOnlyRead() {
        String key = create("");
        int w = writes.get();
        int r = reads.get();
        assertThat(one(item("Get", id(key))).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(reads.get() - r).as("read transactions for the first Get").isEqualTo(1);
        assertThat(writes.get() - w).as("write transactions for the first Get (clears Fresh)").isEqualTo(1);
        assertThat(attribute(key, "Fresh").booleanValue()).isFalse();

        w = writes.get();
        r = reads.get();
        for (int i = 0; i < 3; i++) {
            assertThat(one(item("Get", id(key))).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        }
        assertThat(reads.get() - r).isEqualTo(3);
        assertThat(writes.get() - w).as("write transactions for later Gets").isZero();
    }

    @Test
    void encryptUnderUsageLimitsIsCountedInAWriteTransaction() {
        String key = create("<UsageLimits><UsageLimitsTotal type=\"LongInteger\" value=\"40\"/>"
                + "<UsageLimitsUnit type=\"Enumeration\" value=\"Byte\"/></UsageLimits>");
        int w = writes.get();
        assertThat(one(item("Encrypt", id(key) + GCM + DATA_16)).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(writes.get() - w).isEqualTo(1);
        assertThat(UsageLimits.decode(attribute(key, "UsageLimits")).usageLimitsCount()).isEqualTo(24L);

        String unlimited = create("");
        w = writes.get();
        int r = reads.get();
        assertThat(one(item("Encrypt", id(unlimited) + GCM + DATA_16)).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(reads.get() - r).isEqualTo(1);
        assertThat(writes.get() - w).as("write transactions for an Encrypt without limits").isZero();
    }

    @Test
    void multiPartCallsGoStraightToAWriteTransaction() {
        String key = create("");
        int w = writes.get();
        int r = reads.get();
        ResponseBatchItem first = one(item("Encrypt", id(key) + CBC + DATA_16
                + "<IVCounterNonce type=\"ByteString\" value=\"000102030405060708090a0b0c0d0e0f\"/>"
                + "<InitIndicator type=\"Boolean\" value=\"true\"/>"));
        assertThat(first.resultStatus()).as("%s", first.resultMessage()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(reads.get() - r).isZero();
        assertThat(writes.get() - w).isEqualTo(1);
    }

    @Test
    void readsDoNotWaitForAWriterHoldingTheDatabase() throws Exception {
        String key = create("");
        one(item("Get", id(key)));   // clears Fresh: later Gets only read
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> writer = other.submit(() -> sqlite.transact(tx -> {
            holding.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            // On this thread: if the Get waited for the writer it would wait until the writer's
            // 30 s bound, and the writer's release below would never be reached in time.
            long start = System.nanoTime();
            assertThat(one(item("Get", id(key))).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            assertThat(one(item("GetAttributes", id(key))).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
            assertThat(writer.isDone()).as("the writer still holds the database").isFalse();
        } finally {
            release.countDown();
        }
        writer.get(30, TimeUnit.SECONDS);
    }

    @Test
    void withoutWritingAnswersReadsAndLeavesEverythingElseUntouched() {
        String key = create("");
        int audited = audit.events().size();
        // The first Get must clear Fresh: not answered, and nothing changed or audited.
        assertThat(dispatcher.handleWithoutWriting(message(item("Get", id(key))), "alice", "127.0.0.1:1")).isNull();
        assertThat(audit.events()).hasSize(audited);
        assertThat(attribute(key, "Fresh").booleanValue()).isTrue();
        one(item("Get", id(key)));

        int w = writes.get();
        audited = audit.events().size();
        Ttlv answer = dispatcher.handleWithoutWriting(message(item("Get", id(key)), item("Encrypt", id(key) + GCM + DATA_16),
                item("GetAttributes", id(key))), "alice", "127.0.0.1:1");
        assertThat(answer).isNotNull();
        assertThat(ResponseMessage.decode(answer).batchItem()).hasSize(3)
                .allSatisfy(bi -> assertThat(bi.resultStatus()).as("%s", bi.resultMessage()).isEqualTo(ResultStatus.SUCCESS));
        assertThat(writes.get()).isEqualTo(w);
        assertThat(audit.events()).hasSize(audited + 3);
        // A read of someone else's object is answered too, as not found.
        Ttlv bobs = dispatcher.handleWithoutWriting(message(item("Get", id(key))), "bob", "127.0.0.1:2");
        assertThat(ResponseMessage.decode(bobs).batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);

        int before = writes.get() + reads.get();
        for (String refused : List.of(
                xml("", item("Create", "<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/>")),
                xml("", item("Get", id(key)), item("Activate", id(key))),
                xml("", item("Locate", "")),
                xml("", item("Encrypt", id(key) + CBC + DATA_16 + "<InitIndicator type=\"Boolean\" value=\"true\"/>")),
                undo(item("Get", id(key))))) {
            assertThat(dispatcher.handleWithoutWriting(KmipXml.read(refused), "alice", "127.0.0.1:1")).as(refused).isNull();
        }
        assertThat(writes.get() + reads.get()).as("store transactions for refused messages").isEqualTo(before);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static final String GCM = "<CryptographicParameters><BlockCipherMode type=\"Enumeration\" value=\"GCM\"/>"
            + "<TagLength type=\"Integer\" value=\"16\"/></CryptographicParameters>";
    private static final String CBC = "<CryptographicParameters><BlockCipherMode type=\"Enumeration\" value=\"CBC\"/>"
            + "<PaddingMethod type=\"Enumeration\" value=\"PKCS5\"/></CryptographicParameters>";
    private static final String DATA_16 = "<Data type=\"ByteString\" value=\"00112233445566778899aabbccddeeff\"/>";

    /** An AES-256 key of alice's, usable for Encrypt and Decrypt, with {@code extra} 2.1 attributes. */
    private String create(String extra) {
        ResponseBatchItem created = one(item("Create", "<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/><Attributes>"
                + "<CryptographicAlgorithm type=\"Enumeration\" value=\"AES\"/>"
                + "<CryptographicLength type=\"Integer\" value=\"256\"/>"
                + "<CryptographicUsageMask type=\"Integer\" value=\"Encrypt Decrypt\"/>" + extra + "</Attributes>"));
        assertThat(created.resultStatus()).as("%s", created.resultMessage()).isEqualTo(ResultStatus.SUCCESS);
        String uid = ((CreateResponsePayload) created.responsePayload()).uniqueIdentifier().toString();
        assertThat(one(item("Activate", id(uid))).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        return uid;
    }

    private Ttlv attribute(String uid, String name) {
        ResponseBatchItem got = one(item("GetAttributes", id(uid)
                + "<AttributeReference type=\"Enumeration\" value=\"" + name + "\"/>"));
        assertThat(got.resultStatus()).as("%s", got.resultMessage()).isEqualTo(ResultStatus.SUCCESS);
        List<Ttlv> values = ((GetAttributesResponsePayload) got.responsePayload()).attributes().items();
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private ResponseBatchItem one(String item) {
        return ResponseMessage.decode(dispatcher.handle(message(item), "alice", "127.0.0.1:1")).batchItem().get(0);
    }

    private static Ttlv message(String... items) {
        return KmipXml.read(xml("", items));
    }

    private static String undo(String... items) {
        return xml("<BatchErrorContinuationOption type=\"Enumeration\" value=\"Undo\"/>", items);
    }

    private static String xml(String headerExtra, String... items) {
        return "<RequestMessage><RequestHeader><ProtocolVersion>"
                + "<ProtocolVersionMajor type=\"Integer\" value=\"2\"/><ProtocolVersionMinor type=\"Integer\" value=\"1\"/>"
                + "</ProtocolVersion>" + headerExtra + "<BatchCount type=\"Integer\" value=\"" + items.length + "\"/></RequestHeader>"
                + String.join("", items) + "</RequestMessage>";
    }

    private static String item(String operation, String payload) {
        return "<BatchItem><Operation type=\"Enumeration\" value=\"" + operation + "\"/><RequestPayload>" + payload
                + "</RequestPayload></BatchItem>";
    }

    private static String id(String uid) {
        return "<UniqueIdentifier type=\"TextString\" value=\"" + uid + "\"/>";
    }
}
