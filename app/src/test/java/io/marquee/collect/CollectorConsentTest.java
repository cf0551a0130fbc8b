package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.core.BatchResult;
import io.marquee.core.OverloadedException;
import io.marquee.log.DuplicateFilter;
import io.marquee.log.EventLog;
import io.marquee.log.LogSettings;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.PrivacyGuard;
import io.marquee.privacy.Suppressions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consent changes only through messages that are durably in the log. */
class CollectorConsentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private EventLog log;
  private Suppressions suppressions;
  private final ConsentRegistry consent = new ConsentRegistry();
  private Collector collector;

  @BeforeEach
  void open() throws Exception {
    log = EventLog.open(dir.resolve("log"), LogSettings.defaults(), DuplicateFilter.NONE);
    suppressions = Suppressions.open(dir);
    collector = new Collector(new LogSink(log), JSON, new PrivacyGuard(null, suppressions, consent, JSON));
  }

  @AfterEach
  void close() throws Exception {
    log.close();
  }

  private static ObjectNode track(String messageId, String userId, String extra) throws Exception {
    return (ObjectNode) JSON.readTree("{\"type\":\"track\",\"event\":\"Video Playback Started\",\"messageId\":\""
        + messageId + "\",\"userId\":\"" + userId + "\",\"context\":{\"consent\":{\"categoryPreferences\":"
        + "{\"marketing\":false}}}" + extra + "}");
  }

  private BatchResult submit(ObjectNode message) throws Exception {
    return collector.submit("src", List.of(message), null).get();
  }

  @Test
  void aDurableMessage_recordsTheConsentItStates() throws Exception {
    assertThat(submit(track("m1", "u1", "")).accepted()).isEqualTo(1);
    assertThat(consent.choices("u1")).isEqualTo(Map.of("marketing", false));
  }

  @Test
  void aMessageRefusedForCardData_changesNoConsent() throws Exception {
    BatchResult r = submit(track("m1", "u1", ",\"properties\":{\"card\":\"4111 1111 1111 1111\"}"));
    assertThat(r.rejected()).hasSize(1);
    assertThat(consent.choices("u1")).isEmpty();
  }

  @Test
  void aMessageRefusedWith503_changesNoConsent() throws Exception {
    log.close(); // the append then fails as a full queue does: LogFullException, nothing taken
    assertThatThrownBy(() -> collector.submit("src", List.of(track("m1", "u1", "")), null))
        .isInstanceOf(OverloadedException.class);
    assertThat(consent.choices("u1")).isEmpty();
  }

  @Test
  void anErasedUsersLateEvent_doesNotRecreateConsent() throws Exception {
    suppressions.add("u1");
    consent.forget("u1");
    submit(track("m1", "u1", ""));
    assertThat(consent.choices("u1")).isEmpty();
  }

  @Test
  void aDuplicate_isNotRecordedTwice_andALaterChoiceWins() throws Exception {
    log.close();
    log = EventLog.open(dir.resolve("log2"), LogSettings.defaults(), new MessageIdIndex(1000, 60_000,
        System::currentTimeMillis));
    collector = new Collector(new LogSink(log), JSON, new PrivacyGuard(null, suppressions, consent, JSON));
    submit(track("m1", "u1", ""));
    ObjectNode again = (ObjectNode) JSON.readTree("{\"type\":\"track\",\"event\":\"x\",\"messageId\":\"m2\","
        + "\"userId\":\"u1\",\"context\":{\"consent\":{\"categoryPreferences\":{\"marketing\":true}}}}");
    submit(again);
    BatchResult dup = submit(track("m1", "u1", ""));
    assertThat(dup.duplicates()).isEqualTo(1);
    assertThat(consent.choices("u1")).isEqualTo(Map.of("marketing", true));
  }

  @Test
  void withoutAnalyticsConsent_aMessageStatingChoicesIsKeptAsTheChoicesOnly() throws Exception {
    ObjectNode m = (ObjectNode) JSON.readTree("{\"type\":\"track\",\"event\":\"Video Playback Started\","
        + "\"messageId\":\"m1\",\"userId\":\"u1\",\"properties\":{\"asset_id\":\"a\"},"
        + "\"context\":{\"consent\":{\"categoryPreferences\":{\"analytics\":false}}}}");
    submit(m);
    assertThat(consent.allows("u1", "analytics")).isFalse();
    assertThat(m.get("event").asText()).isEqualTo(ConsentRegistry.EVENT);
    assertThat(m.has("context")).isFalse();
    assertThat(m.path("properties").has("asset_id")).isFalse();
  }
}
