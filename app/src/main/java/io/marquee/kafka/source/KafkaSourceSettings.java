package io.marquee.kafka.source;

import io.marquee.config.Settings;
import io.marquee.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a node consuming the events topic is configured with: {@code kafka.bootstrap}, {@code
 * kafka.topic} and the {@code kafka.consumer.*} keys of marquee-reference.properties.
 *
 * @param haltBeforeCommit test seam: halt the process inside the Nth batch transaction, after its
 *     rows are applied and before it commits (0: never)
 */
public record KafkaSourceSettings(String bootstrap, String topic, Duration pollTimeout, Duration requestTimeout,
    int maxPollRecords, int haltBeforeCommit) {

  /** The settings of a node's Kafka source. */
  public static KafkaSourceSettings of(Settings s) {
    return new KafkaSourceSettings(KafkaSettings.bootstrap(s), KafkaSettings.topic(s),
        Duration.ofMillis(s.longValue("kafka.consumer.poll-ms")),
        Duration.ofMillis(s.longValue("kafka.consumer.request-timeout-ms")),
        s.intValue("kafka.consumer.max-poll-records"), s.intValue("kafka.consumer.halt-before-commit"));
  }

  /**
   * Properties of a consumer without a group (partitions are assigned, offsets kept in the store):
   * bytes in, read committed, auto commit off, as {@link KafkaSettings#consumer} has them.
   */
  Properties consumerProperties(String clientId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout.toMillis()));
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout.toMillis()));
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }
}
