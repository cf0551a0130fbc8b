package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

  private static io.marquee.core.Reason validate(String json) throws Exception {
    return MessageValidator.validate(JSON.readTree(json), null, NOW);
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "[1,2]|not_an_object|message must be a JSON object",
    "{\"userId\":\"u\"}|missing_field|type is required",
    "{\"type\":7,\"userId\":\"u\"}|not_a_string|type must be a string",
    "{\"type\":\"click\",\"userId\":\"u\"}|bad_message_type|type 'click' is not one of",
    "{\"type\":\"track\",\"event\":\"x\"}|no_user|userId or anonymousId is required",
    "{\"type\":\"track\",\"event\":\"x\",\"userId\":{}}|not_a_string|userId must be a string",
    "{\"type\":\"track\",\"userId\":\"u\"}|missing_field|track needs an event name",
    "{\"type\":\"track\",\"event\":\"\",\"userId\":\"u\"}|not_a_string|event must be a non-empty string",
    "{\"type\":\"alias\",\"userId\":\"u\"}|missing_field|alias needs the old id in 'previousId'",
    "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"properties\":[]}|not_an_object|properties must be an object",
    "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"properties\":{\"position\":\"ten\"}}"
        + "|not_a_number|properties.position must be a number, not the string 'ten'",
    "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"timestamp\":\"yesterday\"}"
        + "|bad_timestamp|timestamp 'yesterday' is not an ISO-8601 date-time",
    "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"timestamp\":5}"
        + "|bad_timestamp|timestamp must be an ISO-8601 date-time string",
    "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":\"x\"}|not_an_object|traits must be an object",
  })
  void badMessage_getsAnErrorNamingTheProblem_andItsCode(String json, String code, String expected) throws Exception {
    assertThat(validate(json).message()).startsWith(expected);
    assertThat(validate(json).code().code()).isEqualTo(code);
  }

  @Test
  void validMessage_isNormalized() throws Exception {
    ObjectNode m = (ObjectNode) JSON.readTree(
        "{\"type\":\"track\",\"event\":\"Video Playback Started\",\"userId\":42,"
            + "\"timestamp\":\"2026-10-01T12:00:00+02:00\",\"properties\":{\"position\":0}}");
    assertThat(MessageValidator.validate(m, null, NOW)).isNull();
    assertThat(m.get("userId").textValue()).isEqualTo("42");
    assertThat(m.get("messageId").textValue()).isNotBlank();
    assertThat(m.get("timestamp").textValue()).isEqualTo("2026-10-01T10:00:00Z");
    assertThat(m.get("receivedAt").textValue()).isEqualTo("2026-11-01T10:00:00Z");
  }

  @Test
  void missingTimestamp_defaultsToReceiptTime() throws Exception {
    ObjectNode m = (ObjectNode) JSON.readTree("{\"type\":\"page\",\"anonymousId\":\"a\"}");
    assertThat(MessageValidator.validate(m, null, NOW)).isNull();
    assertThat(m.get("timestamp").textValue()).isEqualTo(NOW.toString());
  }

  @Test
  void eventTime_followsSegment_receivedMinusTheClientsOwnDelay() {
    Instant client = Instant.parse("2026-10-01T12:00:00Z");
    assertThat(MessageValidator.eventTime(client, client.plusSeconds(30), NOW)).isEqualTo(NOW.minusSeconds(30));
    assertThat(MessageValidator.eventTime(client, null, NOW)).isEqualTo(client);
    assertThat(MessageValidator.eventTime(null, client, NOW)).isEqualTo(NOW);
  }

  @Test
  void batchSentAt_appliesWhenTheMessageHasNone_andFileImportsAreNotCorrected() throws Exception {
    String json = "{\"type\":\"page\",\"anonymousId\":\"a\",\"timestamp\":\"2026-10-01T12:00:00Z\"}";
    Instant batchSentAt = Instant.parse("2026-10-01T12:01:00Z");
    Instant[] live = new Instant[2];
    assertThat(MessageValidator.validate(JSON.readTree(json), null, NOW, batchSentAt, true, live)).isNull();
    assertThat(live[0]).isEqualTo(NOW.minusSeconds(60));
    assertThat(live[1]).isEqualTo(Instant.parse("2026-10-01T12:00:00Z"));
    Instant[] imported = new Instant[2];
    assertThat(MessageValidator.validate(JSON.readTree(json), null, NOW, batchSentAt, false, imported)).isNull();
    assertThat(imported[0]).isEqualTo(Instant.parse("2026-10-01T12:00:00Z"));
  }

  @Test
  void nonFiniteNumber_isRefusedNamingTheField() throws Exception {
    assertThat(validate("{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"properties\":{\"position\":1e400}}")
        .message()).isEqualTo("non-finite number at properties.position: numbers must fit a double");
  }

  @Test
  void singleEndpoint_impliesTheType_andRefusesAnother() throws Exception {
    ObjectNode m = (ObjectNode) JSON.readTree("{\"event\":\"x\",\"userId\":\"u\"}");
    assertThat(MessageValidator.validate(m, "track", NOW)).isNull();
    assertThat(m.get("type").textValue()).isEqualTo("track");
    ObjectNode other = (ObjectNode) JSON.readTree("{\"type\":\"identify\",\"userId\":\"u\"}");
    assertThat(MessageValidator.validate(other, "track", NOW).message()).contains("does not match the endpoint /v1/track");
  }
}
