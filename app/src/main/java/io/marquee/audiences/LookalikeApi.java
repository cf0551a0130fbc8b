package io.marquee.audiences;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.marquee.access.Authorization;
import io.marquee.access.Role;
import io.marquee.insights.SmallCells;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Lookalike audiences: {@code POST /v1/audiences/{id}/lookalike?country=FR&share=0.05[&name=...]} (role
 * {@code marketer}) saves the audience of the users of {@code country} (required, ISO 3166 alpha-2)
 * most similar to the seed audience {@code id} in demographics and taste, {@code share} (0.01 to
 * 0.10, default {@value #DEFAULT_SHARE}) of the country's eligible users, the seed's members excluded
 * ({@link LookalikeFinder}, {@link LookalikeScorer}). Its rule is the {@code lookalike} node, so it is
 * recomputed like every audience.
 *
 * <p>201 with the audience (id, name, size, rule), the similarity threshold (the lowest score taken),
 * the mean scores of the lookalike and of the seed's own members, how many were compared on taste or
 * on demographics only, its composition and the seed's beside it (small cells suppressed in each
 * column). 400 for a bad {@code country}, {@code share} or {@code name}, or a seed of fewer than {@value
 * Lookalikes#MIN_SEED} members (the message gives its size, suppressed under 10); 404 for an unknown
 * seed; 409 when no trained recommendation model is served.
 */
final class LookalikeApi {
  static final double DEFAULT_SHARE = 0.01;
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final int MAX_NAME = 200;
  private static final List<String> DIMENSIONS = List.of("age_bracket", "gender", "country");

  private final Audiences audiences;
  private final LookalikeFinder finder;
  private final Authorization auth;
  private final ObjectMapper json;
  private final int refreshMinutes;

  LookalikeApi(Audiences audiences, LookalikeFinder finder, Authorization auth, ObjectMapper json, int refreshMinutes) {
    this.audiences = audiences;
    this.finder = finder;
    this.auth = auth;
    this.json = json;
    this.refreshMinutes = refreshMinutes;
  }

  void register(RoutesConfig routes) {
    routes.post("/v1/audiences/{id}/lookalike", this::handle);
  }

  static String country(String value) {
    String c = value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    if (c == null || c.isEmpty()) {
      throw new BadRequestResponse("country: is required (ISO 3166 alpha-2, e.g. FR)");
    }
    if (!COUNTRY.matcher(c).matches()) {
      throw new BadRequestResponse("country: '" + value + "' is not an ISO 3166 alpha-2 country code");
    }
    return c;
  }

  static double share(String value) {
    if (value == null) {
      return DEFAULT_SHARE;
    }
    try {
      double s = Double.parseDouble(value.strip());
      if (LookalikeNode.valid(s)) {
        return s;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new BadRequestResponse("share: " + LookalikeNode.shareProblem() + ", not '" + value + "'");
  }

  private void handle(Context ctx) throws Exception {
    auth.require(ctx, Role.MARKETER);
    String seed = ctx.pathParam("id");
    String country = country(ctx.queryParam("country"));
    double share = share(ctx.queryParam("share"));
    String name = ctx.queryParam("name");
    if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
      throw new BadRequestResponse("name: must be a non-empty string of at most " + MAX_NAME + " characters");
    }
    long started = System.nanoTime();
    LookalikeSelection selection;
    try {
      selection = finder.select(seed, country, share);
    } catch (Lookalikes.Refused e) {
      throw switch (e.problem()) {
        case UNKNOWN_SEED -> new NotFoundResponse(e.getMessage());
        case SMALL_SEED -> new BadRequestResponse("id: " + e.getMessage());
        case NO_MODEL -> new ConflictResponse(e.getMessage());
      };
    }
    Audiences.Saved seedAudience = audiences.find(seed).orElseThrow(() -> new NotFoundResponse("no audience '" + seed + "'"));
    if (name == null) {
      name = "lookalike of " + seedAudience.name() + " in " + country + " (" + percent(share) + ")";
      name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
    ObjectNode rule = json.createObjectNode();
    rule.putObject("lookalike").put("seed", seed).put("country", country).put("share", share);
    Audiences.Saved saved;
    try {
      String n = name.strip();
      saved = finder.reusing(selection, () -> audiences.create(n, rule));
    } catch (RuleException e) {
      throw new BadRequestResponse("rule: " + e.getMessage());
    }
    List<Audiences.Member> members = audiences.current(saved.id());
    List<Audiences.Member> seedMembers = audiences.current(seed);
    Map<String, Object> out = answer(saved, seedAudience, selection, members, seedMembers);
    out.put("took_ms", (System.nanoTime() - started) / 1_000_000);
    ctx.status(201).contentType("application/json").result(json.writeValueAsString(out));
  }

  private static String percent(double share) {
    return java.math.BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + " %";
  }

  private Map<String, Object> answer(Audiences.Saved saved, Audiences.Saved seed, LookalikeSelection s,
      List<Audiences.Member> members, List<Audiences.Member> seedMembers) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", saved.id());
    out.put("name", saved.name());
    out.put("seed", Map.of("id", seed.id(), "name", seed.name(), "size", SmallCells.count(seedMembers.size())));
    out.put("country", s.country());
    out.put("share", s.share());
    out.put("eligible_in_country", SmallCells.count(s.eligible()));
    out.put("size", SmallCells.count(members.size()));
    Map<String, Object> similarity = new LinkedHashMap<>();
    similarity.put("threshold", finite(s.threshold()));
    similarity.put("lookalike_mean", finite(s.selected().stream().mapToDouble(LookalikeScorer.Scored::score)
        .average().orElse(Double.NaN)));
    similarity.put("seed_mean", finite(s.seedMeanScore()));
    out.put("similarity", similarity);
    long taste = s.selected().stream().filter(LookalikeScorer.Scored::taste).count();
    boolean[] hidden = SmallCells.suppress(new long[] {taste, s.selected().size() - taste});
    Map<String, Object> basis = new LinkedHashMap<>();
    basis.put("taste_and_demographics", hidden[0] ? SmallCells.SUPPRESSED : taste);
    basis.put("demographics_only", hidden[1] ? SmallCells.SUPPRESSED : s.selected().size() - taste);
    out.put("compared_on", basis);
    LookalikeScorer.Weights w = finder.weights();
    Map<String, Object> weights = new LinkedHashMap<>();
    weights.put("taste", finite(w.taste()));
    weights.put("age_bracket", finite(w.age()));
    weights.put("gender", finite(w.gender()));
    weights.put("interests", finite(w.interests()));
    out.put("weights", weights);
    out.put("rule", saved.rule());
    out.put("composition", AudiencesApi.composition(members));
    out.put("comparison", comparison(AudiencesApi.composition(seedMembers), AudiencesApi.composition(members)));
    out.put("model_trained_at", Instant.ofEpochSecond(s.modelTrainedAt()).toString());
    out.put("computed_at", saved.computedAt() == null ? null : saved.computedAt().toString());
    out.put("refresh_minutes", refreshMinutes);
    return out;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
  }

  /**
   * The seed's and the lookalike's compositions side by side, per dimension and value (the union of
   * both sides' values, in value order); each column keeps its own suppression, and a value one side
   * lacks counts 0 there, shown as {@value SmallCells#SUPPRESSED} like any count under 10.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> comparison(Map<String, Object> seed, Map<String, Object> lookalike) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String d : DIMENSIONS) {
      Map<String, Object> a = cells((List<Map<String, Object>>) seed.get(d));
      Map<String, Object> b = cells((List<Map<String, Object>>) lookalike.get(d));
      TreeSet<String> values = new TreeSet<>(a.keySet());
      values.addAll(b.keySet());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String v : values) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("value", v);
        row.put("seed", a.getOrDefault(v, SmallCells.count(0)));
        row.put("lookalike", b.getOrDefault(v, SmallCells.count(0)));
        rows.add(row);
      }
      out.put(d, rows);
    }
    return out;
  }

  private static Map<String, Object> cells(List<Map<String, Object>> rows) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      out.put((String) r.get("value"), r.get("users"));
    }
    return out;
  }
}
