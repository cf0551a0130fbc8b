package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code lookalike} node as the rule compiler reads it: its checks, the cycle rule, and the ids it binds. */
class LookalikeNodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private final List<String> asked = new ArrayList<>();

  /** Answers every seed with the users u1 and u2, recording what it was asked. */
  private final Lookalikes two = (seed, country, share) -> {
    asked.add(seed + " " + country + " " + share);
    return new LookalikeSelection(seed, country, share, 20,
        List.of(new LookalikeScorer.Scored("u1", 0.9, true), new LookalikeScorer.Scored("u2", 0.8, false)), 0.95, 0);
  };

  private Rule compile(String rule, Map<String, String> saved, String self) throws Exception {
    JsonNode tree = JSON.readTree(rule);
    return RuleCompiler.compile(tree, NOW, id -> Optional.ofNullable(saved.get(id)).map(r -> {
      try {
        return JSON.readTree(r);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }), null, two, self);
  }

  @Test
  void aLookalike_bindsItsSelectedIdsAsOneParameter_withTheCountryUpperCased() throws Exception {
    Rule r = compile("{\"and\":[{\"lookalike\":{\"seed\":\"aud_s\",\"country\":\"fr\",\"share\":0.05}},{\"gender\":\"f\"}]}",
        Map.of(), null);

    assertThat(asked).containsExactly("aud_s FR 0.05");
    assertThat(r.params()).containsExactly("u1" + RuleCompiler.ID_SEPARATOR + "u2", RuleCompiler.ID_SEPARATOR, "f");
    assertThat(r.condition()).doesNotContain("u1").doesNotContain("aud_s");
  }

  @Test
  void badKeysCountriesAndShares_areRefusedNamingTheirPath() {
    String[][] cases = {
        {"{\"lookalike\":{\"country\":\"FR\",\"share\":0.05}}", "$.lookalike.seed: is required"},
        {"{\"lookalike\":{\"seed\":\"aud_s\",\"share\":0.05}}", "$.lookalike.country: is required"},
        {"{\"lookalike\":{\"seed\":\"aud_s\",\"country\":\"France\",\"share\":0.05}}",
            "$.lookalike.country: 'France' is not an ISO 3166 alpha-2 country code"},
        {"{\"lookalike\":{\"seed\":\"aud_s\",\"country\":\"FR\"}}", "$.lookalike.share: is required"},
        {"{\"lookalike\":{\"seed\":\"aud_s\",\"country\":\"FR\",\"share\":0.11}}",
            "$.lookalike.share: must be a number from 0.01"},
        {"{\"lookalike\":{\"seed\":\"aud_s\",\"country\":\"FR\",\"share\":\"5%\"}}", "$.lookalike.share: must be a number"},
        {"{\"lookalike\":{\"seed\":\"aud_s\",\"country\":\"FR\",\"share\":0.05,\"size\":3}}", "$.lookalike.size: unknown key"},
        {"{\"not\":{\"lookalike\":{\"seed\":7,\"country\":\"FR\",\"share\":0.05}}}",
            "$.not.lookalike.seed: must be an audience id"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> compile(c[0], Map.of(), null)).as(c[0]).isInstanceOf(RuleException.class)
          .hasMessageContaining(c[1]);
    }
    assertThat(asked).isEmpty();
  }

  @Test
  void anAudienceCannotBeItsOwnSeed_directlyOrThroughMemberOf() {
    Map<String, String> saved = Map.of("aud_b", "{\"lookalike\":{\"seed\":\"aud_a\",\"country\":\"FR\",\"share\":0.05}}");

    assertThatThrownBy(() -> compile("{\"lookalike\":{\"seed\":\"aud_a\",\"country\":\"FR\",\"share\":0.05}}", saved, "aud_a"))
        .hasMessageContaining("$.lookalike.seed: 'aud_a' would make a cycle");
    assertThatThrownBy(() -> compile("{\"member_of\":{\"audience_id\":\"aud_b\"}}", saved, "aud_a"))
        .hasMessageContaining("would make a cycle");
  }

  @Test
  void aRefusedLookalike_becomesARuleExceptionAtTheSeedOrTheNode_andNoSourceIsRefused() {
    Lookalikes refusing = (seed, country, share) -> {
      throw new Lookalikes.Refused(seed.equals("aud_small") ? Lookalikes.Problem.SMALL_SEED : Lookalikes.Problem.NO_MODEL,
          "because");
    };
    JsonNode small = JSON.createObjectNode().set("lookalike",
        JSON.createObjectNode().put("seed", "aud_small").put("country", "FR").put("share", 0.05));
    JsonNode other = JSON.createObjectNode().set("lookalike",
        JSON.createObjectNode().put("seed", "aud_x").put("country", "FR").put("share", 0.05));

    assertThatThrownBy(() -> RuleCompiler.compile(small, NOW, id -> Optional.empty(), null, refusing, null))
        .hasMessage("$.lookalike.seed: because");
    assertThatThrownBy(() -> RuleCompiler.compile(other, NOW, id -> Optional.empty(), null, refusing, null))
        .hasMessage("$.lookalike: because");
    assertThatThrownBy(() -> RuleCompiler.compile(other, NOW, id -> Optional.empty(), null, null, null))
        .hasMessage("$.lookalike: this node has no recommender to compare tastes");
  }
}
