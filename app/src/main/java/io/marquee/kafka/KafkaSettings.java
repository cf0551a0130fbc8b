package io.marquee.kafka;

import io.marquee.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka settings every process of a scale-out shares ({@code kafka.*} in
 * marquee-reference.properties), and the client configurations built from them: the events topic,
 * the producer of the collectors, consumers and admin clients.
 *
 * <p>Wire format of the events topic: key = the UTF-8 bytes of the viewer ({@code userId} when
 * non-empty, else {@code anonymousId}), so that one viewer's events share a partition and stay in
 * order; value = exactly the {@code core.EventRecord} payload a log frame would hold; timestamp = the
 * receipt time; no headers. Consumers deduplicate by ({@code EventRecord.source}, {@code messageId}).
 */
public final class KafkaSettings {
  private KafkaSettings() {}

  /** {@code kafka.bootstrap}: the brokers, HOST:PORT[,HOST:PORT...]; refused when empty. */
  public static String bootstrap(Settings s) {
    String b = s.string("kafka.bootstrap").trim();
    if (b.isEmpty()) {
      throw new IllegalArgumentException("no Kafka brokers: give --kafka HOST:PORT (setting kafka.bootstrap)");
    }
    return b;
  }

  /** {@code kafka.topic}: the events topic (default {@code marquee.events}). */
  public static String topic(Settings s) {
    String t = s.string("kafka.topic").trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("setting kafka.topic must name the events topic");
    }
    return t;
  }

  /** The record key of a viewer's events: its id's UTF-8 bytes (null, round-robin, for none). */
  public static byte[] recordKey(String viewer) {
    return viewer == null || viewer.isEmpty() ? null : viewer.getBytes(StandardCharsets.UTF_8);
  }

  /** The common part: bootstrap servers and a client id naming the process. */
  public static Properties client(Settings s, String clientId) {
    Properties p = new Properties();
    p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap(s));
    p.setProperty(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return p;
  }

  /**
   * The collectors' producer: idempotent, {@code acks=all} (a record is acknowledged once every
   * in-sync replica has it), and bounded in time: {@code kafka.max-block-ms} for a send waiting for
   * metadata or buffer space, {@code kafka.delivery-timeout-ms} for a record to be acknowledged
   * (retries included), so an unreachable or slow broker becomes a refusal within seconds.
   */
  public static Properties producer(Settings s, String clientId) {
    Properties p = client(s, clientId);
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, Long.toString(s.longValue("kafka.linger-ms")));
    p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(s.intValue("kafka.batch-bytes")));
    p.setProperty(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(s.longValue("kafka.buffer-bytes")));
    p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, s.string("kafka.compression"));
    long delivery = s.longValue("kafka.delivery-timeout-ms");
    long linger = s.longValue("kafka.linger-ms");
    long request = s.longValue("kafka.request-timeout-ms");
    if (delivery < linger + request) {
      throw new IllegalArgumentException("kafka.delivery-timeout-ms (" + delivery
          + ") must be at least kafka.linger-ms + kafka.request-timeout-ms (" + (linger + request) + ")");
    }
    p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(delivery));
    p.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(request));
    p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(s.longValue("kafka.max-block-ms")));
    // reconnect quickly after an outage: the default backoff grows to 1 s
    p.setProperty(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    return p;
  }

  /**
   * A consumer of committed records only ({@code read_committed}), without auto-commit: the
   * consumer decides where its position is kept.
   */
  public static Properties consumer(Settings s, String clientId, String groupId) {
    Properties p = client(s, clientId);
    if (groupId != null) {
      p.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return p;
  }

  /** An admin client's configuration, its calls bounded by {@code kafka.request-timeout-ms}. */
  public static Properties admin(Settings s, String clientId) {
    Properties p = client(s, clientId);
    String timeout = Long.toString(s.longValue("kafka.request-timeout-ms"));
    p.setProperty(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    p.setProperty(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    return p;
  }
}
