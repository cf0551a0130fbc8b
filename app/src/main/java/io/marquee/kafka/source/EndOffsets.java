package io.marquee.kafka.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end offsets of the events topic's partitions, asked of the brokers by a consumer of its own
 * (any thread, one call at a time: the consumer is not thread-safe), and the lag of stored offsets
 * behind them, cached for a second so that scrapes of {@code /health} and {@code /metrics} do not
 * each cost a round trip.
 */
final class EndOffsets {
  private static final Logger LOG = LoggerFactory.getLogger(EndOffsets.class);
  private static final long LAG_CACHE_MILLIS = 1000;

  private final Consumer<byte[], byte[]> probe;
  private final String topic;
  private final Duration requestTimeout;
  private Map<String, Long> lagCache = Map.of();
  private long lagCachedAt;

  EndOffsets(Consumer<byte[], byte[]> probe, String topic, Duration requestTimeout) {
    this.probe = probe;
    this.topic = topic;
    this.requestTimeout = requestTimeout;
  }

  /** The end offset of every partition of the topic now (read committed), from the brokers. */
  synchronized Map<TopicPartition, Long> now(Duration timeout) throws TimeoutException {
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      List<PartitionInfo> infos = probe.partitionsFor(topic, timeout);
      for (PartitionInfo i : infos == null ? List.<PartitionInfo>of() : infos) {
        partitions.add(new TopicPartition(i.topic(), i.partition()));
      }
      if (!probe.assignment().containsAll(partitions)) {
        probe.assign(partitions); // read-committed end offsets are only tracked for assigned partitions
      }
      return partitions.isEmpty() ? Map.of() : probe.endOffsets(partitions, timeout);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      TimeoutException t = new TimeoutException("Kafka did not answer with the end offsets of " + topic
          + " within " + timeout);
      t.initCause(e);
      throw t;
    }
  }

  /**
   * Per partition, end offset minus {@code stored} offset (0 when none), at most a second old; empty
   * when the brokers do not answer within a second.
   */
  synchronized Map<String, Long> lag(Map<TopicPartition, Long> stored) {
    long now = System.currentTimeMillis();
    if (now - lagCachedAt < LAG_CACHE_MILLIS) {
      return lagCache;
    }
    lagCachedAt = now;
    try {
      Map<String, Long> lag = new TreeMap<>();
      // a scrape must not hang through an outage: a second at most, then "unknown" (empty)
      Duration wait = requestTimeout.compareTo(Duration.ofSeconds(1)) < 0 ? requestTimeout : Duration.ofSeconds(1);
      now(wait).forEach((tp, offset) -> lag.put(Integer.toString(tp.partition()),
          Math.max(0, offset - stored.getOrDefault(tp, 0L))));
      lagCache = lag;
    } catch (TimeoutException | KafkaException e) {
      LOG.warn("kafka source: cannot read the end offsets of {}: {}", topic, e.toString());
      lagCache = Map.of();
    }
    return lagCache;
  }

  synchronized void close() {
    probe.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
