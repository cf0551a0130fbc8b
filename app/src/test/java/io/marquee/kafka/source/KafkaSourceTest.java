package io.marquee.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.collect.MessageIdIndex;
import io.marquee.core.EventRecord;
import io.marquee.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka source against Kafka's own in-memory consumer ({@link MockConsumer}) and an in-memory
 * DuckDB: offsets, dedup across partitions, rollback. The broker-backed end-to-end tests are {@code
 * KafkaSourceIT}.
 */
class KafkaSourceTest {
  private static final String TOPIC = "marquee.events";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final long DAY = Duration.ofDays(1).toMillis();

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final MockConsumer<byte[], byte[]> probe = new MockConsumer<>("earliest");
  private final MessageIdIndex index = new MessageIdIndex(1000, DAY, System::currentTimeMillis);
  private final List<ConsumerRecord<byte[], byte[]>> onTopic = new ArrayList<>();
  private final List<ConsumerRecord<byte[], byte[]>> undelivered = new ArrayList<>();
  private final java.util.Set<String> erased = new java.util.HashSet<>();
  private DuckDBConnection db;
  private KafkaSource source;

  @BeforeEach
  void setUp() throws SQLException {
    db = DriverManager.getConnection("jdbc:duckdb:").unwrap(DuckDBConnection.class);
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE events (log_pos BIGINT, source VARCHAR, message_id VARCHAR, received_at TIMESTAMP)");
    }
    for (MockConsumer<byte[], byte[]> c : List.of(consumer, probe)) {
      c.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null),
          new PartitionInfo(TOPIC, 1, null, null, null)));
      c.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }
    probe.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
    KafkaSourceSettings settings = new KafkaSourceSettings("unused:9092", TOPIC, Duration.ofMillis(10),
        Duration.ofSeconds(1), 1000, 0);
    source = new KafkaSource(settings, index, DAY, new KafkaSource.Suppressed() {
      @Override
      public boolean contains(String id) {
        return erased.contains(id);
      }

      @Override
      public boolean isEmpty() {
        return erased.isEmpty();
      }
    }, consumer, probe);
  }

  @AfterEach
  void tearDown() throws SQLException {
    db.close();
  }

  /** Puts an event record on the topic, as a collector would (key = userId). */
  private void produce(TopicPartition tp, long offset, String writeKey, String messageId) {
    byte[] json = ("{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u1\",\"messageId\":\"" + messageId + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() * 1000;
    byte[] value = EventRecord.encode(now, now, EventRecord.NO_TIME, writeKey, messageId, "track", json, 0,
        json.length);
    put(new ConsumerRecord<>(TOPIC, tp.partition(), offset, "u1".getBytes(StandardCharsets.UTF_8), value));
  }

  /** A record reaches the consumer at a poll (the mock takes records only once partitions are assigned). */
  private void put(ConsumerRecord<byte[], byte[]> r) {
    onTopic.add(r);
    if (undelivered.isEmpty()) {
      consumer.schedulePollTask(() -> {
        undelivered.forEach(consumer::addRecord);
        undelivered.clear();
      });
    }
    undelivered.add(r);
  }

  /** What a broker does after a consumer seeks back: the records are still there. */
  private void redeliver() {
    consumer.schedulePollTask(() -> onTopic.forEach(consumer::addRecord));
  }

  private static List<String> messageIds(List<LogRecord> records) {
    List<String> ids = new ArrayList<>();
    for (LogRecord r : records) {
      ids.add(EventRecord.decode(r.payload()).messageId);
    }
    return ids;
  }

  private Map<Integer, Long> storedOffsets() throws SQLException {
    Map<Integer, Long> m = new TreeMap<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT \"partition\", next_offset FROM kafka_positions")) {
      while (r.next()) {
        m.put(r.getInt(1), r.getLong(2));
      }
    }
    return m;
  }

  @Test
  void read_acrossTwoPartitions_givesEachEventTheNextLocalPosition_andSkipsADuplicateFromTheOtherPartition()
      throws Exception {
    source.resumePosition(db, 0);
    produce(P0, 0, "web", "m1");
    produce(P0, 1, "web", "m2");
    produce(P1, 0, "web", "m2");
    produce(P1, 1, "web", "m3");

    List<LogRecord> records = source.read(0, 100, 1 << 20);

    assertThat(messageIds(records)).containsExactlyInAnyOrder("m1", "m2", "m3");
    assertThat(records).extracting(LogRecord::position).containsExactly(0L, 1L, 2L);
    assertThat(records).extracting(LogRecord::next).containsExactly(1L, 2L, 3L);
    assertThat(source.duplicates()).isEqualTo(1);
    source.record(db);
    source.committed(3);
    assertThat(storedOffsets()).as("the duplicate's offset advanced too").isEqualTo(Map.of(0, 2L, 1, 2L));
  }

  @Test
  void firstRead_whileTheFetchAfterTheSeekIsUnderWay_waitsForWhatWasOnTheTopicAtResume() throws Exception {
    probe.updateEndOffsets(Map.of(P0, 2L, P1, 0L));
    source.resumePosition(db, 0);
    consumer.schedulePollTask(() -> { }); // the first poll finds nothing yet
    produce(P0, 0, "web", "m1");
    produce(P0, 1, "web", "m2");

    assertThat(messageIds(source.read(0, 100, 1 << 20))).containsExactly("m1", "m2");
  }

  @Test
  void eventOfAViewerErasedOnTheNode_isNotStored_andItsOffsetAdvances() throws Exception {
    source.resumePosition(db, 0);
    erased.add("u1");
    produce(P0, 0, "web", "m1");

    assertThat(source.read(0, 100, 1 << 20)).isEmpty();
    assertThat(source.suppressed()).isEqualTo(1);
    assertThat(source.pending()).isTrue();
    erased.clear();
    erased.add("someone-else");
    produce(P0, 1, "web", "m2");
    assertThat(messageIds(source.read(0, 100, 1 << 20))).containsExactly("m2");
  }

  @Test
  void sameMessageIdUnderAnotherWriteKey_isNoDuplicate() throws Exception {
    source.resumePosition(db, 0);
    produce(P0, 0, "web", "m1");
    produce(P1, 0, "tv", "m1");

    assertThat(source.read(0, 100, 1 << 20)).hasSize(2);
    assertThat(source.duplicates()).isZero();
  }

  @Test
  void resume_seeksEachPartitionToItsStoredOffset_andSkipsEventsTheStoreAlreadyHolds() throws Exception {
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE kafka_positions (topic VARCHAR NOT NULL, \"partition\" INTEGER NOT NULL,"
          + " next_offset BIGINT NOT NULL, PRIMARY KEY (topic, \"partition\"))");
      s.execute("INSERT INTO kafka_positions VALUES ('" + TOPIC + "', 0, 1)");
      s.execute("INSERT INTO events VALUES (0, 'web', 'm1', now()::TIMESTAMP)");
    }
    produce(P0, 0, "web", "m1");
    produce(P0, 1, "web", "m2");
    produce(P1, 0, "web", "m1");

    assertThat(source.resumePosition(db, 1)).isEqualTo(1);
    List<LogRecord> records = source.read(1, 100, 1 << 20);

    assertThat(messageIds(records)).as("offset 0 of partition 0 is not read again; m1 on partition 1 is a duplicate")
        .containsExactly("m2");
    assertThat(records.get(0).position()).isEqualTo(1);
    assertThat(source.consumed()).isEqualTo(2);
    assertThat(source.duplicates()).isEqualTo(1);
  }

  @Test
  void rolledBack_forgetsTheBatchsMessageIds_andTheRetryReadsTheSameRecordsAtTheSamePositions() throws Exception {
    source.resumePosition(db, 0);
    produce(P0, 0, "web", "m1");
    produce(P1, 0, "web", "m2");
    List<LogRecord> first = source.read(0, 100, 1 << 20);
    source.record(db);

    source.rolledBack();
    db.createStatement().execute("DELETE FROM kafka_positions"); // the transaction's rollback
    redeliver();
    List<LogRecord> retry = source.read(0, 100, 1 << 20);

    assertThat(messageIds(retry)).containsExactlyInAnyOrderElementsOf(messageIds(first)).hasSize(2);
    assertThat(retry).extracting(LogRecord::position).containsExactly(0L, 1L);
    assertThat(source.duplicates()).as("the retry's ids were forgotten, not taken for duplicates").isZero();
  }

  @Test
  void readOfDuplicatesOnly_returnsNothing_butIsPendingSoThatItsOffsetsAreRecorded() throws Exception {
    source.resumePosition(db, 0);
    produce(P0, 0, "web", "m1");
    source.read(0, 100, 1 << 20);
    source.record(db);
    source.committed(1);
    produce(P1, 0, "web", "m1");

    assertThat(source.read(1, 100, 1 << 20)).isEmpty();
    assertThat(source.pending()).isTrue();
    source.record(db);
    source.committed(1);
    assertThat(storedOffsets()).isEqualTo(Map.of(0, 1L, 1, 1L));
    assertThat(source.pending()).isFalse();
  }

  @Test
  void recordThatIsNoEventRecord_isSkipped_andItsOffsetAdvances() throws Exception {
    source.resumePosition(db, 0);
    put(new ConsumerRecord<>(TOPIC, 0, 0, null, new byte[] {9, 9, 9}));
    produce(P0, 1, "web", "m1");

    assertThat(messageIds(source.read(0, 100, 1 << 20))).containsExactly("m1");
    assertThat(source.malformed()).isEqualTo(1);
    source.record(db);
    assertThat(storedOffsets()).isEqualTo(Map.of(0, 2L));
  }

  @Test
  void read_stopsAtMaxRecords_andTheNextReadGoesOnFromThere() throws Exception {
    source.resumePosition(db, 0);
    for (int i = 0; i < 5; i++) {
      produce(P0, i, "web", "m" + i);
    }
    List<LogRecord> first = source.read(0, 3, 1 << 20);
    source.record(db);
    source.committed(3);
    List<LogRecord> second = source.read(3, 3, 1 << 20);

    assertThat(messageIds(first)).containsExactly("m0", "m1", "m2");
    assertThat(messageIds(second)).containsExactly("m3", "m4");
    assertThat(second).extracting(LogRecord::position).containsExactly(3L, 4L);
    source.record(db);
    assertThat(storedOffsets()).isEqualTo(Map.of(0, 5L));
  }

  @Test
  void lag_isTheEndOffsetMinusTheStoredOffset_perPartition() throws Exception {
    source.resumePosition(db, 0);
    produce(P0, 0, "web", "m0");
    produce(P0, 1, "web", "m1");
    source.read(0, 100, 1 << 20);
    source.record(db);
    source.committed(2);
    probe.updateEndOffsets(Map.of(P0, 5L, P1, 3L));

    assertThat(source.lag()).isEqualTo(Map.of("0", 3L, "1", 3L));
  }

  @Test
  void awaitCaughtUp_oncePartitionsReachTheirEndOffsets_waitsForTheLocalPositionOfThatBatch() throws Exception {
    source.resumePosition(db, 0);
    produce(P0, 0, "web", "m0");
    produce(P1, 0, "web", "m1");
    source.read(0, 100, 1 << 20);
    source.record(db);
    source.committed(2);
    probe.updateEndOffsets(Map.of(P0, 1L, P1, 1L));
    List<Long> waitedFor = new ArrayList<>();

    source.awaitCaughtUp(Duration.ofSeconds(5), (position, timeout) -> waitedFor.add(position));

    assertThat(waitedFor).containsExactly(2L);
  }

  @Test
  void awaitCaughtUp_behindTheEndOffsets_timesOutNamingBoth() throws Exception {
    source.resumePosition(db, 0);
    probe.updateEndOffsets(Map.of(P0, 4L, P1, 0L));

    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> source.awaitCaughtUp(Duration.ofMillis(50), (position, timeout) -> { }))
        .isInstanceOf(java.util.concurrent.TimeoutException.class)
        .hasMessageContaining("waited for {0=4, 1=0}");
  }
}
