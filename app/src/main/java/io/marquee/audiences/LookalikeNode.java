package io.marquee.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code lookalike} node of the rule grammar, {@code {"lookalike": {"seed": "aud_...", "country":
 * "FR", "share": 0.05}}}: the users of {@code country} most similar to the seed audience's current
 * members, {@code share} (0.01 to 0.10) of the country's eligible users, the seed's members excluded
 * ({@link LookalikeFinder}). Recomputed at every evaluation, so a saved lookalike follows its seed's
 * membership, the country's users and retrainings of the model.
 *
 * @param seed the seed audience's id
 * @param country ISO 3166 alpha-2, upper case
 * @param share the share of the country's eligible users
 */
record LookalikeNode(String seed, String country, double share) {
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  /**
   * Reads and checks the node's object {@code o} at JSON path {@code at}; {@code visiting} are the
   * audiences being compiled (this one and those whose {@code member_of} led here), none of which may
   * be the seed.
   */
  static LookalikeNode parse(JsonNode o, String at, Collection<String> visiting) {
    JsonNode seed = o.get("seed");
    if (seed == null || !seed.isTextual() || seed.asText().isBlank()) {
      throw new RuleException(at + ".seed", seed == null ? "is required" : "must be an audience id");
    }
    if (visiting.contains(seed.asText())) {
      throw new RuleException(at + ".seed", "'" + seed.asText() + "' would make a cycle of audiences (a lookalike of itself)");
    }
    JsonNode country = o.get("country");
    String c = country == null || !country.isTextual() ? null : country.asText().strip().toUpperCase(Locale.ROOT);
    if (c == null || !COUNTRY.matcher(c).matches()) {
      throw new RuleException(at + ".country", country == null ? "is required"
          : "'" + country.asText() + "' is not an ISO 3166 alpha-2 country code");
    }
    JsonNode share = o.get("share");
    if (share == null) {
      throw new RuleException(at + ".share", "is required");
    }
    if (!share.isNumber() || !valid(share.asDouble())) {
      throw new RuleException(at + ".share", shareProblem());
    }
    return new LookalikeNode(seed.asText(), c, share.asDouble());
  }

  /** Whether {@code share} is a share a lookalike may take. */
  static boolean valid(double share) {
    return share >= Lookalikes.MIN_SHARE && share <= Lookalikes.MAX_SHARE;
  }

  /** What a bad share is told. */
  static String shareProblem() {
    return "must be a number from " + Lookalikes.MIN_SHARE + " to " + Lookalikes.MAX_SHARE
        + " (the share of the country's eligible users)";
  }

  /** The ids the node selects now from {@code lookalikes} (null on a node without one: refused). */
  List<String> select(Lookalikes lookalikes, String at) {
    if (lookalikes == null) {
      throw new RuleException(at, "this node has no recommender to compare tastes");
    }
    try {
      return lookalikes.select(seed, country, share).userIds();
    } catch (Lookalikes.Refused e) {
      throw new RuleException(e.problem() == Lookalikes.Problem.NO_MODEL ? at : at + ".seed", e.getMessage());
    }
  }
}
