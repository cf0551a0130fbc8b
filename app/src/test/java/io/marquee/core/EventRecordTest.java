package io.marquee.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventRecordTest {
  private static final byte[] JSON = "{\"type\":\"track\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void version2_roundTripsTheOriginalTimestamp() {
    EventRecord r = EventRecord.decode(EventRecord.encode(10, 20, 30, "src", "m-1", "track", JSON, 0, JSON.length));
    assertThat(r.receivedAtMicros).isEqualTo(10);
    assertThat(r.timestampMicros).isEqualTo(20);
    assertThat(r.originalTimestampMicros).isEqualTo(30);
    assertThat(r.source).isEqualTo("src");
    assertThat(r.messageId).isEqualTo("m-1");
    assertThat(r.type).isEqualTo("track");
    assertThat(new String(r.bytes, r.jsonOffset, r.jsonLength, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"track\"}");
  }

  @Test
  void receivedAt_isReadFromTheHeaderAlone_inBothVersions_andAnythingElseIsRefused() {
    assertThat(EventRecord.receivedAtMicros(EventRecord.encode(-7, 20, 30, "src", "m-1", "track", JSON, 0, JSON.length)))
        .isEqualTo(-7);
    assertThat(EventRecord.receivedAtMicros(EventRecord.encodeVersion1(10, 20, "src", "m-1", "track", JSON)))
        .isEqualTo(10);
    assertThatThrownBy(() -> EventRecord.receivedAtMicros(new byte[] {2, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an event record");
    assertThatThrownBy(() -> EventRecord.receivedAtMicros(JSON)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void version1_fromAnEarlierRelease_stillDecodes_withoutAnOriginalTimestamp() {
    byte[] v1 = EventRecord.encodeVersion1(10, 20, "src", "m-1", "track", JSON);
    assertThat(v1[0]).isEqualTo((byte) 1);
    EventRecord r = EventRecord.decode(v1);
    assertThat(r.timestampMicros).isEqualTo(20);
    assertThat(r.originalTimestampMicros).isEqualTo(EventRecord.NO_TIME);
    assertThat(r.messageId).isEqualTo("m-1");
    assertThat(new String(r.bytes, r.jsonOffset, r.jsonLength, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"track\"}");
  }

  @Test
  void unknownVersion_isRefused() {
    byte[] bad = EventRecord.encode(1, 2, 3, "s", "m", "t", JSON, 0, JSON.length);
    bad[0] = 9;
    assertThatThrownBy(() -> EventRecord.decode(bad)).hasMessageContaining("version 9");
  }
}
