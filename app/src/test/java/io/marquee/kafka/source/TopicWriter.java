package io.marquee.kafka.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.core.EventRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts Segment messages on the events topic in the wire format a collector uses: key = the UTF-8
 * {@code userId}, else {@code anonymousId}; value = {@link EventRecord#encode}; timestamp = receivedAt.
 */
final class TopicWriter implements AutoCloseable {
  private final ObjectMapper json = new ObjectMapper();
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final java.util.List<java.util.concurrent.Future<?>> sent =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  TopicWriter(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    awaitLeaders();
  }

  /**
   * Waits until the producer's metadata names a leader for every partition: the first sends to a
   * topic created a moment ago can otherwise meet a broker that does not lead it yet.
   */
  private void awaitLeaders() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      java.util.List<org.apache.kafka.common.PartitionInfo> infos = producer.partitionsFor(topic);
      if (!infos.isEmpty() && infos.stream().allMatch(i -> i.leader() != null && !i.leader().isEmpty())) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new IllegalStateException("no leader for every partition of " + topic + " within 30 s");
  }

  /** The record value a collector with write key source {@code source} produces for {@code message}. */
  byte[] value(String source, String message) throws java.io.IOException {
    JsonNode m = json.readTree(message);
    long received = EventRecord.micros(Instant.now());
    long timestamp = m.hasNonNull("timestamp") ? EventRecord.micros(Instant.parse(m.get("timestamp").asText()))
        : received;
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    return EventRecord.encode(received, timestamp, m.hasNonNull("timestamp") ? timestamp : EventRecord.NO_TIME,
        source, m.get("messageId").asText(), m.get("type").asText(), bytes, 0, bytes.length);
  }

  /** Sends {@code message} keyed by its viewer, to the partition Kafka's partitioner picks (async). */
  void send(String source, String message) throws java.io.IOException {
    send(source, message, null);
  }

  /** Sends {@code message} to {@code partition} (null: the key's), keyed by its viewer (async). */
  void send(String source, String message, Integer partition) throws java.io.IOException {
    JsonNode m = json.readTree(message);
    String viewer = m.hasNonNull("userId") && !m.get("userId").asText().isEmpty() ? m.get("userId").asText()
        : m.path("anonymousId").asText();
    sent.add(producer.send(new ProducerRecord<>(topic, partition, System.currentTimeMillis(),
        viewer.getBytes(StandardCharsets.UTF_8), value(source, message))));
  }

  /** Waits until every record sent so far is acknowledged; throws if one was not. */
  void flush() throws InterruptedException, ExecutionException {
    producer.flush();
    for (java.util.concurrent.Future<?> f : sent) {
      f.get();
    }
    sent.clear();
  }

  @Override
  public void close() {
    producer.close();
  }
}
