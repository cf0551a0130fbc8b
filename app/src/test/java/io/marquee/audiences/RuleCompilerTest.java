package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static JsonNode rule(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static Rule compile(String text, Map<String, String> saved, String self) throws Exception {
    return RuleCompiler.compile(rule(text), NOW, id -> Optional.ofNullable(saved.get(id)).map(r -> {
      try {
        return rule(r);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }), self);
  }

  @Test
  void everyInputValue_isBoundAsAParameter_neverPartOfTheSql() throws Exception {
    String evil = "x') OR 1=1; DROP TABLE profiles; --";
    Rule r = compile("{\"and\":[{\"gender\":" + JSON.writeValueAsString(evil) + "},{\"watched\":{\"asset_id\":"
        + JSON.writeValueAsString(evil) + ",\"last_days\":7}},{\"partner\":{\"attribute\":\"a\",\"value\":"
        + JSON.writeValueAsString(evil) + "}}]}", Map.of(), null);

    assertThat(r.condition()).doesNotContain("DROP").doesNotContain("1=1");
    assertThat(r.params()).contains(evil, "2026-11-24T12:00", "2026-12-01T12:00");
    assertThat(r.condition().chars().filter(c -> c == '?').count()).isEqualTo(r.params().size());
  }

  @Test
  void memberOf_inlinesTheOtherAudiencesRule_andRefusesACycle() throws Exception {
    Map<String, String> saved = Map.of("aud_a", "{\"member_of\":{\"audience_id\":\"aud_b\"}}",
        "aud_b", "{\"country\":\"FR\"}", "aud_c", "{\"not\":{\"member_of\":{\"audience_id\":\"aud_c\"}}}");

    assertThat(compile("{\"member_of\":{\"audience_id\":\"aud_a\"}}", saved, null).params()).containsExactly("FR");
    assertThatThrownBy(() -> compile("{\"member_of\":{\"audience_id\":\"aud_c\"}}", saved, null))
        .hasMessageContaining("$.member_of.audience_id: 'aud_c' cannot be evaluated")
        .hasMessageContaining("'aud_c' would make a cycle of audiences");
    assertThatThrownBy(() -> compile("{\"member_of\":{\"audience_id\":\"aud_b\"}}", saved, "aud_b"))
        .hasMessage("$.member_of.audience_id: 'aud_b' would make a cycle of audiences");
  }

  @Test
  void notWatched_isTheNegationOfWatchedWithTheSameWindow() throws Exception {
    Rule watched = compile("{\"watched\":{\"genre\":\"Drama\",\"from\":\"2026-10-01\",\"to\":\"2026-10-31\"}}", Map.of(), null);
    Rule not = compile("{\"not_watched\":{\"genre\":\"Drama\",\"from\":\"2026-10-01\",\"to\":\"2026-10-31\"}}", Map.of(), null);

    assertThat(not.condition()).isEqualTo("NOT (" + watched.condition() + ")");
    assertThat(not.params()).isEqualTo(watched.params()).containsExactly("drama", "2026-10-01T00:00", "2026-11-01T00:00", 1L);
  }

  @Test
  void windows_refuseBothFormsAtOnceAndBadDates() {
    assertThatThrownBy(() -> compile("{\"watched\":{\"asset_id\":\"a\",\"last_days\":3,\"from\":\"2026-01-01\"}}",
        Map.of(), null)).hasMessage("$.watched.last_days: give either last_days or from and to, not both");
    assertThatThrownBy(() -> compile("{\"streams_of_artist\":{\"artist\":\"a\",\"from\":\"2026-13-01\",\"to\":\"2026-12-01\"}}",
        Map.of(), null)).hasMessage("$.streams_of_artist.from: must be a date YYYY-MM-DD");
    assertThatThrownBy(() -> compile("{\"rated\":{\"asset_id\":\"a\",\"min\":4,\"max\":2}}", Map.of(), null))
        .hasMessage("$.rated.max: must not be below min");
    assertThatThrownBy(() -> compile("{\"genre_affinity\":{\"genre\":\"drama\"}}", Map.of(), null))
        .hasMessage("$.genre_affinity.min_hours: is required");
  }
}
