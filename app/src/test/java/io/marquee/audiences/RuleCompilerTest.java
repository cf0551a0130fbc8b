package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.recommend.Affinities;
import io.marquee.recommend.Affinity;
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

  /** Scores 1..10 for u01..u10 for title "t1", u11 tied with u10; "t2" unknown. */
  private static final Affinities TEN = asset -> {
    if (!asset.equals("t1")) {
      return Optional.empty();
    }
    Map<String, Float> scores = new java.util.LinkedHashMap<>();
    for (int u = 1; u <= 10; u++) {
      scores.put(String.format("u%02d", u), (float) u);
    }
    scores.put("u11", 10f);
    return Optional.of(new Affinity(asset, Affinity.COLLABORATIVE, 0, scores));
  };

  private static Rule affinity(String args, Affinities affinities) throws Exception {
    return RuleCompiler.compile(rule("{\"predicted_affinity\":" + args + "}"), NOW, id -> Optional.empty(), affinities,
        null);
  }

  private static java.util.List<String> users(Rule r) {
    return java.util.List.of(((String) r.params().get(0)).split(RuleCompiler.ID_SEPARATOR));
  }

  @Test
  void predictedAffinity_minPercentile_keepsUsersWithAtLeastThatShareScoringLower() throws Exception {
    // 11 users: u10 and u11 (score 10) have 9 of 11 below them (81.8 %), u09 has 8 (72.7 %), u08 7 (63.6 %)
    assertThat(users(affinity("{\"asset_id\":\"t1\",\"min_percentile\":80}", TEN))).containsExactly("u10", "u11");
    assertThat(users(affinity("{\"asset_id\":\"t1\",\"min_percentile\":70}", TEN)))
        .containsExactly("u10", "u11", "u09");
    assertThat(users(affinity("{\"asset_id\":\"t1\",\"min_percentile\":0}", TEN))).hasSize(11);
  }

  @Test
  void predictedAffinity_top_keepsTheNHighest_tiesByUserId_asOneBoundParameter() throws Exception {
    Rule r = affinity("{\"asset_id\":\"t1\",\"top\":3}", TEN);

    assertThat(users(r)).containsExactly("u10", "u11", "u09");
    assertThat(r.condition()).doesNotContain("u10");
    assertThat(r.condition().chars().filter(c -> c == '?').count()).isEqualTo(r.params().size());
  }

  @Test
  void predictedAffinity_badArguments_get400PathsNamingTheProblem() {
    assertThatThrownBy(() -> affinity("{\"asset_id\":\"t1\"}", TEN))
        .hasMessage("$.predicted_affinity: needs exactly one of [min_percentile, top]");
    assertThatThrownBy(() -> affinity("{\"asset_id\":\"t1\",\"top\":3,\"min_percentile\":5}", TEN))
        .hasMessage("$.predicted_affinity: needs exactly one of [min_percentile, top]");
    assertThatThrownBy(() -> affinity("{\"asset_id\":\"t1\",\"min_percentile\":101}", TEN))
        .hasMessage("$.predicted_affinity.min_percentile: must be a number from 0 to 100");
    assertThatThrownBy(() -> affinity("{\"asset_id\":\"t1\",\"top\":0}", TEN))
        .hasMessageStartingWith("$.predicted_affinity.top: must be a positive integer");
    assertThatThrownBy(() -> affinity("{\"top\":3}", TEN)).hasMessage("$.predicted_affinity.asset_id: is required");
    assertThatThrownBy(() -> affinity("{\"asset_id\":\"t1\",\"top\":3,\"n\":1}", TEN))
        .hasMessageStartingWith("$.predicted_affinity.n: unknown key");
    assertThatThrownBy(() -> affinity("{\"asset_id\":\"t2\",\"top\":3}", TEN))
        .hasMessageStartingWith("$.predicted_affinity.asset_id: the recommender's model knows no title 't2'");
  }

  @Test
  void predictedAffinity_withoutAModel_isRefusedSayingWhy() {
    Affinities loading = asset -> {
      throw new Affinities.Unavailable("no recommendation model is loaded yet");
    };

    assertThatThrownBy(() -> affinity("{\"asset_id\":\"t1\",\"top\":3}", loading))
        .isInstanceOf(RuleException.class).hasMessage("$.predicted_affinity: no recommendation model is loaded yet");
    assertThatThrownBy(() -> affinity("{\"asset_id\":\"t1\",\"top\":3}", null))
        .hasMessage("$.predicted_affinity: this node has no recommender to predict affinity");
  }
}
