package io.marquee.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test broker of kafka-dev: takes an acks=all idempotent write, serves it back, and keeps it over a restart. */
class KafkaBrokerIT {
  private static KafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void oneRecord_producedWithAcksAll_isReadBackAndSurvivesARestart() throws Exception {
    broker.createTopic("smoke", 3);
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    RecordMetadata written;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      written = producer.send(new ProducerRecord<>("smoke", null, 1_700_000_000_000L,
          "user-1".getBytes(StandardCharsets.UTF_8), "hello".getBytes(StandardCharsets.UTF_8))).get();
    }

    List<ConsumerRecord<byte[], byte[]>> read = broker.read("smoke", 1, Duration.ofSeconds(30));
    assertThat(read).hasSize(1);
    assertThat(new String(read.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(new String(read.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("user-1");
    assertThat(read.get(0).timestamp()).isEqualTo(1_700_000_000_000L);
    assertThat(read.get(0).partition()).isEqualTo(written.partition());

    broker.stop();
    broker.restart();
    List<ConsumerRecord<byte[], byte[]>> again = broker.read("smoke", 1, Duration.ofSeconds(30));
    assertThat(again).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("hello");
  }
}
