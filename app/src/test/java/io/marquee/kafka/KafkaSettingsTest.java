package io.marquee.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marquee.collect.RecordSink;
import io.marquee.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
  private static final Settings KAFKA = Settings.defaults().with("kafka.bootstrap", "broker-1:9092,broker-2:9092");

  @Test
  void producer_isIdempotentWithAcksAll_andBoundedByTheTimeoutSettings() {
    Properties p = KafkaSettings.producer(KAFKA.with(Map.of("kafka.delivery-timeout-ms", "7000",
        "kafka.max-block-ms", "1500", "kafka.request-timeout-ms", "2500")), "collector-1");
    assertThat(p.getProperty("bootstrap.servers")).isEqualTo("broker-1:9092,broker-2:9092");
    assertThat(p.getProperty("client.id")).isEqualTo("collector-1");
    assertThat(p.getProperty("acks")).isEqualTo("all");
    assertThat(p.getProperty("enable.idempotence")).isEqualTo("true");
    assertThat(p.getProperty("delivery.timeout.ms")).isEqualTo("7000");
    assertThat(p.getProperty("max.block.ms")).isEqualTo("1500");
    assertThat(p.getProperty("request.timeout.ms")).isEqualTo("2500");
    assertThat(p.getProperty("compression.type")).isEqualTo("none");
  }

  @Test
  void producer_withADeliveryTimeoutShorterThanLingerPlusRequest_isRefusedNamingTheSettings() {
    Settings bad = KAFKA.with(Map.of("kafka.delivery-timeout-ms", "1000", "kafka.request-timeout-ms", "1000",
        "kafka.linger-ms", "5"));
    assertThatThrownBy(() -> KafkaSettings.producer(bad, "c")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.delivery-timeout-ms (1000)").hasMessageContaining("(1005)");
  }

  @Test
  void bootstrap_whenNotGiven_isRefusedNamingTheOption() {
    assertThatThrownBy(() -> KafkaSettings.bootstrap(Settings.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--kafka HOST:PORT");
  }

  @Test
  void topic_defaultsToMarqueeEvents() {
    assertThat(KafkaSettings.topic(KAFKA)).isEqualTo("marquee.events");
  }

  @Test
  void consumer_readsCommittedRecordsOnly_withoutAutoCommit() {
    Properties p = KafkaSettings.consumer(KAFKA, "node-1", "nodes");
    assertThat(p.getProperty("isolation.level")).isEqualTo("read_committed");
    assertThat(p.getProperty("enable.auto.commit")).isEqualTo("false");
    assertThat(p.getProperty("group.id")).isEqualTo("nodes");
  }

  @Test
  void recordKey_isTheViewer_userIdWhenNonEmptyElseAnonymousId() {
    assertThat(RecordSink.viewer("u-1", "anon-1")).isEqualTo("u-1");
    assertThat(RecordSink.viewer("", "anon-1")).isEqualTo("anon-1");
    assertThat(RecordSink.viewer(null, "anon-1")).isEqualTo("anon-1");
    assertThat(KafkaSettings.recordKey("zoë")).isEqualTo("zoë".getBytes(StandardCharsets.UTF_8));
    assertThat(KafkaSettings.recordKey(null)).isNull();
    assertThat(KafkaSettings.recordKey("")).isNull();
  }
}
