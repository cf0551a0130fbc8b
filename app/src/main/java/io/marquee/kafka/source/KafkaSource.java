package io.marquee.kafka.source;

import io.marquee.collect.MessageIdIndex;
import io.marquee.core.EventRecord;
import io.marquee.log.LogRecord;
import io.marquee.store.RecordSource;
import java.io.Closeable;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events topic as the store loader's {@link RecordSource}: every partition of the topic, read
 * from the offsets the store recorded, deduplicated by (write key, messageId) across partitions.
 *
 * <p>Implementation notes. The node assigns itself every partition (no consumer group: each node
 * keeps a whole store, so nodes must not split the partitions). The next offset of each partition is
 * a row of {@code kafka_positions(topic, "partition", next_offset)}, written by {@link #record} in the
 * loader's batch transaction, so rows and offsets commit together; at start the consumer seeks to
 * them, and Kafka's own committed offsets are never used. Each consumed event gets the next local
 * position (one per event), which the rows keep as {@code log_pos}. A duplicate (its fingerprint
 * already in the {@link MessageIdIndex}, rebuilt from the store's events of the dedup window at
 * start) is skipped but its offset still advances. A rolled-back batch forgets the fingerprints it
 * added and seeks back to the recorded offsets, so the retry reads the same records. A record that is
 * not an {@code EventRecord} is logged and skipped (counted in {@link #malformed}), never retried for
 * ever. Within a partition the loader sees records in offset order; partitions interleave in poll
 * order.
 *
 * <p>A second consumer ({@link EndOffsets}) asks the brokers for the end offsets that lag, {@link
 * #awaitCaughtUp} and a start's catch-up compare against.
 */
public final class KafkaSource implements RecordSource, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSource.class);
  private static final Duration PARTITION_REFRESH = Duration.ofSeconds(10);

  private final KafkaSourceSettings settings;
  private final MessageIdIndex dedup;
  private final long dedupWindowMillis;
  private final Suppressed suppressed;
  private final com.fasterxml.jackson.core.JsonFactory jsonFactory = new com.fasterxml.jackson.core.JsonFactory();
  private final Consumer<byte[], byte[]> consumer;
  private final EndOffsets ends;
  /** Next offset per partition as committed in the store. */
  private final Map<TopicPartition, Long> stored = new ConcurrentHashMap<>();
  /** Next offsets the last read reached, not yet committed. */
  private final Map<TopicPartition, Long> pendingNext = new HashMap<>();
  /** Fingerprints the last read added to the dedup index, forgotten if its batch rolls back. */
  private final List<Long> pendingKeys = new ArrayList<>();
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
  private final Object monitor = new Object();
  private List<TopicPartition> assigned = List.of();
  private long assignedAt;
  private long committedLocal;
  private volatile boolean mayHaveMore;
  private volatile long duplicates;
  private volatile long malformed;
  private volatile long consumed;
  private volatile long suppressedRecords;
  private int batchesRecorded;
  /** End offsets when the source resumed, until the consumer reached them (what a start catches up with). */
  private Map<TopicPartition, Long> startEnd;

  /** A source over two consumers: {@code consumer} for the loader's thread, {@code probe} for end offsets. */
  KafkaSource(KafkaSourceSettings settings, MessageIdIndex dedup, long dedupWindowMillis, Suppressed suppressed,
      Consumer<byte[], byte[]> consumer, Consumer<byte[], byte[]> probe) {
    this.settings = settings;
    this.dedup = dedup;
    this.dedupWindowMillis = dedupWindowMillis;
    this.suppressed = suppressed;
    this.consumer = consumer;
    this.ends = new EndOffsets(probe, settings.topic(), settings.requestTimeout());
  }

  /**
   * A source over {@code settings.topic()}; nothing is read before the loader recovers.
   *
   * @param dedup the node's deduplication index, filled from the store when the loader resumes
   * @param suppressed the ids erased on this node, whose events are not stored even if a collector
   *     that had not yet heard of the erasure put them on the topic
   */
  public static KafkaSource open(KafkaSourceSettings settings, MessageIdIndex dedup, Duration dedupWindow,
      Suppressed suppressed) {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumerProperties("marquee-node-consumer"));
    try {
      return new KafkaSource(settings, dedup, dedupWindow.toMillis(), suppressed, consumer,
          new KafkaConsumer<>(settings.consumerProperties("marquee-node-lag-probe")));
    } catch (KafkaException e) {
      consumer.close();
      throw e;
    }
  }

  /**
   * Creates {@code kafka_positions} if missing, loads the recorded offsets, refills the dedup index
   * from the events stored before {@code position} within the window, and seeks every partition.
   */
  @Override
  public long resumePosition(DuckDBConnection c, long position) throws IOException {
    try {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS kafka_positions (topic VARCHAR NOT NULL, \"partition\" INTEGER NOT NULL,"
            + " next_offset BIGINT NOT NULL, PRIMARY KEY (topic, \"partition\"))");
      }
      try (PreparedStatement p = c.prepareStatement(
              "SELECT \"partition\", next_offset FROM kafka_positions WHERE topic = ?")) {
        p.setString(1, settings.topic());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            stored.put(new TopicPartition(settings.topic(), r.getInt(1)), r.getLong(2));
          }
        }
      }
      rebuildDedup(c, position);
    } catch (SQLException e) {
      throw new IOException("cannot read the Kafka positions of the store: " + e.getMessage(), e);
    }
    try {
      startEnd = new HashMap<>(ends.now(settings.requestTimeout()));
    } catch (TimeoutException | KafkaException e) {
      throw new IOException("cannot reach the Kafka brokers at " + settings.bootstrap() + ": " + e.getMessage(), e);
    }
    synchronized (monitor) {
      committedLocal = position;
    }
    LOG.info("kafka source: topic {} at stored offsets {}", settings.topic(), lagKeys(stored));
    return position;
  }

  /** The dedup index from the store's events of the window, as they stood at the last commit. */
  private void rebuildDedup(DuckDBConnection c, long before) throws SQLException {
    long t0 = System.nanoTime();
    long n = 0;
    try (PreparedStatement p = c.prepareStatement(
            "SELECT source, message_id FROM events WHERE received_at >= ? AND log_pos < ? ORDER BY log_pos")) {
      p.setTimestamp(1, Timestamp.from(Instant.now().minusMillis(dedupWindowMillis)));
      p.setLong(2, before);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String source = r.getString(1);
          dedup.firstSeen(MessageIdIndex.key(source == null ? "" : source, r.getString(2)));
          n++;
        }
      }
    }
    LOG.info("dedup index rebuilt from {} stored events in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Assigns every partition of the topic (again every few seconds, so that added ones are read too). */
  private void assign() {
    long now = System.nanoTime();
    if (!assigned.isEmpty() && now - assignedAt < PARTITION_REFRESH.toNanos()) {
      return;
    }
    assignedAt = now;
    List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), settings.requestTimeout());
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo i : infos == null ? List.<PartitionInfo>of() : infos) {
      partitions.add(new TopicPartition(i.topic(), i.partition()));
    }
    if (partitions.size() == assigned.size()) {
      return;
    }
    consumer.assign(partitions);
    for (TopicPartition tp : partitions) {
      if (!assigned.contains(tp)) {
        seek(tp);
      }
    }
    assigned = List.copyOf(partitions);
    LOG.info("kafka source: reading {} partitions of {}", partitions.size(), settings.topic());
  }

  private void seek(TopicPartition tp) {
    Long next = stored.get(tp);
    if (next == null) {
      consumer.seekToBeginning(List.of(tp));
    } else {
      consumer.seek(tp, next);
    }
  }

  @Override
  public List<LogRecord> read(long from, int maxRecords, long maxBytes) throws IOException {
    List<LogRecord> out = new ArrayList<>();
    try {
      assign();
      if (assigned.isEmpty()) {
        mayHaveMore = false;
        return out;
      }
      long bytes = 0;
      long position = from;
      boolean polled = false;
      long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
      while (out.size() < maxRecords && bytes < maxBytes) {
        if (buffer.isEmpty()) {
          // the first poll waits for records; later ones only gather what already arrived
          ConsumerRecords<byte[], byte[]> batch = consumer.poll(polled ? Duration.ZERO : settings.pollTimeout());
          polled = true;
          if (batch.isEmpty()) {
            if (behindStart() && System.nanoTime() < deadline) {
              // a fetch is still under way of what the topic held at start: catching up, gather whole batches
              polled = false;
              continue;
            }
            break;
          }
          batch.forEach(buffer::add);
        }
        ConsumerRecord<byte[], byte[]> r = buffer.poll();
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        pendingNext.put(tp, r.offset() + 1);
        consumed++;
        long key = fingerprint(r);
        if (key == 0) {
          continue;
        }
        if (!suppressed.isEmpty() && ofSuppressedViewer(r.value())) {
          suppressedRecords++;
          continue;
        }
        if (!dedup.firstSeen(key)) {
          duplicates++;
          continue;
        }
        pendingKeys.add(key);
        out.add(new LogRecord(position, position + 1, r.value()));
        position++;
        bytes += r.value().length;
      }
      mayHaveMore = !buffer.isEmpty() || out.size() >= maxRecords || bytes >= maxBytes || !pendingNext.isEmpty();
      return out;
    } catch (KafkaException e) {
      rolledBack();
      throw new IOException("cannot read the Kafka topic " + settings.topic() + ": " + e.getMessage(), e);
    }
  }

  /** True while some partition's position is short of the end offset it had when the source resumed. */
  private boolean behindStart() {
    if (startEnd == null) {
      return false;
    }
    for (Map.Entry<TopicPartition, Long> e : startEnd.entrySet()) {
      if (assigned.contains(e.getKey()) && consumer.position(e.getKey(), settings.requestTimeout()) < e.getValue()) {
        return true;
      }
    }
    startEnd = null;
    return false;
  }

  /** True when the message's {@code userId} or {@code anonymousId} is suppressed (read with a streaming parser). */
  private boolean ofSuppressedViewer(byte[] payload) {
    EventRecord e = EventRecord.decode(payload);
    try (com.fasterxml.jackson.core.JsonParser p = jsonFactory.createParser(e.bytes, e.jsonOffset, e.jsonLength)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String field = p.currentName();
        com.fasterxml.jackson.core.JsonToken t = p.nextToken();
        if (("userId".equals(field) || "anonymousId".equals(field)) && t.isScalarValue()
            && suppressed.contains(p.getText())) {
          return true;
        }
        p.skipChildren();
      }
      return false;
    } catch (IOException ex) {
      return false; // the loader's own parse reports a broken message
    }
  }

  /** The record's dedup fingerprint, or 0 (logged, counted) when it is not an event record. */
  private long fingerprint(ConsumerRecord<byte[], byte[]> r) {
    try {
      if (r.value() == null) {
        throw new IllegalArgumentException("no value");
      }
      EventRecord e = EventRecord.decode(r.value());
      return MessageIdIndex.key(e.source, e.messageId);
    } catch (RuntimeException e) {
      malformed++;
      LOG.error("kafka source: skipping record {}-{} at offset {}: not an event record ({})", r.topic(),
          r.partition(), r.offset(), e.toString());
      return 0;
    }
  }

  @Override
  public boolean pending() {
    return !pendingNext.isEmpty();
  }

  @Override
  public void record(DuckDBConnection c) throws SQLException {
    if (pendingNext.isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO kafka_positions VALUES (?, ?, ?)"
        + " ON CONFLICT (topic, \"partition\") DO UPDATE SET next_offset = excluded.next_offset")) {
      for (Map.Entry<TopicPartition, Long> e : pendingNext.entrySet()) {
        p.setString(1, e.getKey().topic());
        p.setInt(2, e.getKey().partition());
        p.setLong(3, e.getValue());
        p.executeUpdate(); // not a JDBC batch: DuckDB's runs in a transaction of its own
      }
    }
    batchesRecorded++;
    if (settings.haltBeforeCommit() > 0 && batchesRecorded >= settings.haltBeforeCommit()) {
      // test seam (kafka.consumer.halt-before-commit): die as SIGKILL would, rows applied, nothing committed
      LOG.warn("kafka source: halting before the commit of batch {} (kafka.consumer.halt-before-commit)",
          batchesRecorded);
      Runtime.getRuntime().halt(137);
    }
  }

  @Override
  public void committed(long to) {
    synchronized (monitor) {
      stored.putAll(pendingNext);
      committedLocal = to;
      monitor.notifyAll();
    }
    pendingNext.clear();
    pendingKeys.clear();
  }

  @Override
  public void rolledBack() {
    for (long key : pendingKeys) {
      dedup.forget(key);
    }
    pendingKeys.clear();
    pendingNext.clear();
    buffer.clear();
    for (TopicPartition tp : assigned) {
      seek(tp);
    }
  }

  @Override
  public long durablePosition() {
    synchronized (monitor) {
      return mayHaveMore ? Long.MAX_VALUE : committedLocal;
    }
  }

  @Override
  public void onDurable(LongConsumer listener) {
    // nothing to hear: read() waits in poll for records to arrive
  }

  /**
   * Waits until every partition's recorded offset reaches the end offset it had when called, then for
   * the loader to publish that batch.
   */
  @Override
  public void awaitCaughtUp(Duration timeout, AppliedWait applied) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> end = ends.now(timeout);
    long local;
    synchronized (monitor) {
      while (!reached(end)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("the store has Kafka offsets " + lagKeys(stored) + ", waited for " + lagKeys(end));
        }
        monitor.wait(Math.max(1, left / 1_000_000));
      }
      local = committedLocal;
    }
    applied.await(local, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (e.getValue() > 0 && stored.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Events on the topic not yet in the store, per partition (end offset minus recorded offset), as
   * the brokers said at most a second ago; empty when they cannot be reached.
   */
  @Override
  public Map<String, Long> lag() {
    return ends.lag(stored);
  }

  static Map<String, Long> lagKeys(Map<TopicPartition, Long> offsets) {
    Map<String, Long> m = new TreeMap<>();
    offsets.forEach((tp, o) -> m.put(Integer.toString(tp.partition()), o));
    return m;
  }

  public String topic() {
    return settings.topic();
  }

  /** Records consumed by this process, duplicates and malformed ones included. */
  public long consumed() {
    return consumed;
  }

  /** Records skipped as duplicates of a stored (write key, messageId). */
  public long duplicates() {
    return duplicates;
  }

  /** Batches whose positions this process wrote (rows or duplicates only), committed or not. */
  public int batches() {
    return batchesRecorded;
  }

  /** Records skipped because their viewer was erased on this node. */
  public long suppressed() {
    return suppressedRecords;
  }

  /** Records skipped because they were not event records. */
  public long malformed() {
    return malformed;
  }

  /** The ids erased on a node (its {@code Suppressions}), as the source asks about them. */
  public interface Suppressed {
    boolean contains(String id);

    boolean isEmpty();
  }

  /** Closes both consumers; the loader must be stopped first (the consumer is its thread's). */
  @Override
  public void close() {
    try {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    } finally {
      ends.close();
    }
  }
}
