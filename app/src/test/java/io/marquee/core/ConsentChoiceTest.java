package io.marquee.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one reading of consent in a message, shared by the collector and the store loader. */
class ConsentChoiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ConsentChoice of(String message) throws Exception {
    return ConsentChoice.of(JSON.readTree(message));
  }

  @Test
  void aConsentEvent_readsItsProperties_notItsContext() throws Exception {
    ConsentChoice c = of("{\"event\":\"Consent Updated\",\"userId\":\"u\",\"properties\":{\"categoryPreferences\":"
        + "{\"analytics\":false}},\"context\":{\"consent\":{\"categoryPreferences\":{\"marketing\":false}}}}");
    assertThat(c.subject()).isEqualTo("u");
    assertThat(c.source()).isEqualTo("api");
    assertThat(c.choices()).isEqualTo(Map.of("analytics", false));
  }

  @Test
  void anyOtherMessage_readsItsConsentContext_forItsUserElseItsAnonymousId() throws Exception {
    ConsentChoice c = of("{\"event\":\"x\",\"anonymousId\":\"a\",\"context\":{\"consent\":{\"categoryPreferences\":"
        + "{\"marketing\":false,\"personalization\":true}}}}");
    assertThat(c.subject()).isEqualTo("a");
    assertThat(c.source()).isEqualTo("event");
    assertThat(c.choices()).containsExactly(Map.entry("personalization", true), Map.entry("marketing", false));
  }

  @Test
  void unknownCategoriesAndNonBooleans_areIgnored_andNothingLeftIsNoChoice() throws Exception {
    assertThat(of("{\"userId\":\"u\",\"context\":{\"consent\":{\"categoryPreferences\":"
        + "{\"sharing\":false,\"analytics\":\"no\"}}}}")).isNull();
    assertThat(of("{\"userId\":\"u\",\"context\":{\"consent\":{\"categoryPreferences\":[true]}}}")).isNull();
    assertThat(of("{\"context\":{\"consent\":{\"categoryPreferences\":{\"analytics\":false}}}}")).isNull();
  }

  @Test
  void theStoredPartsGiveTheSameChoiceAsTheMessage() throws Exception {
    String message = "{\"event\":\"x\",\"userId\":\"u\",\"properties\":{\"a\":1},"
        + "\"context\":{\"consent\":{\"categoryPreferences\":{\"data_sharing\":false}}}}";
    JsonNode m = JSON.readTree(message);
    assertThat(ConsentChoice.mayState("x", m.get("context").toString())).isTrue();
    assertThat(ConsentChoice.of("u", null, "x", m.get("properties"), m.get("context"))).isEqualTo(of(message));
    assertThat(ConsentChoice.mayState("x", "{\"ip\":\"1.2.3.0\"}")).isFalse();
  }
}
