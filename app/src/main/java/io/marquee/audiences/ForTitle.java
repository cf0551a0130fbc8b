package io.marquee.audiences;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.marquee.access.Authorization;
import io.marquee.access.Role;
import io.marquee.core.AgeBracket;
import io.marquee.insights.SmallCells;
import io.marquee.insights.TitleResonance;
import io.marquee.recommend.Affinities;
import io.marquee.recommend.Affinity;
import io.marquee.recommend.RecommendationRules;
import io.marquee.recommend.RecommendationService;
import io.marquee.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * "Who to market a new title to": {@code POST /v1/audiences/for-title/{assetId}?size=N} (role
 * {@code marketer}; {@code size} 1 to {@value #MAX_SIZE}, default {@value #DEFAULT_SIZE}) saves and
 * returns the audience of the N eligible users with the highest predicted affinity for the title
 * ({@link Affinities}) who have not watched it, and, for an adult rating ({@link #ADULT}), only users
 * of a known age of 18 or more; with its expected reach by age bracket and gender (small cells
 * suppressed) and the cells its {@value #SIMILAR} most similar titles resonate with (their title
 * reports' {@code resonates_with}). {@code basis} says how the title was scored: {@code collaborative}
 * (it has views in the model), {@code content+similar_titles} (none: its content and the viewers of
 * its most similar titles, listed in {@code driven_by}, also for a title added to the catalog after
 * the training) or {@code content}. 201; 400 for a bad size or no personal model; 404 for a title
 * neither the catalog nor the model knows; 409 when no recommender runs on the node.
 *
 * <p>The saved rule is {@code and} of {@code predicted_affinity top K}, {@code not_watched} and, for
 * adult titles, the adult age brackets, K chosen so that the rule selects exactly N members now; it is
 * recomputed like any audience, so it follows retrainings and drops users who watch the title.
 */
final class ForTitle {
  /** Ratings whose audience must be adults of a known age. */
  static final Set<String> ADULT = Set.of("R", "NC-17", "TV-MA");
  static final int MAX_SIZE = 100_000;
  static final int DEFAULT_SIZE = 1_000;

  private final Audiences audiences;
  private final Affinities affinities;
  private final Store store;
  private final Authorization auth;
  private final ObjectMapper json;
  private final RecommendationService recommender;
  private final TitleResonance resonance;

  /** {@code affinities}, {@code recommender} and {@code resonance} are null on a node without them. */
  ForTitle(Audiences audiences, Affinities affinities, Store store, Authorization auth, ObjectMapper json,
      RecommendationService recommender, TitleResonance resonance) {
    this.audiences = audiences;
    this.affinities = affinities;
    this.store = store;
    this.auth = auth;
    this.json = json;
    this.recommender = recommender;
    this.resonance = resonance;
  }

  /** How many of the title's most similar titles tell where it should resonate. */
  static final int SIMILAR = 3;

  /**
   * The {@value #SIMILAR} titles most similar to {@code asset}, each with the cells its title report
   * says it resonates with: for a title scored from its similar titles, the first of those; else the
   * recommender's most similar titles (co-viewing and content).
   */
  private List<Map<String, Object>> similar(String asset, Affinity affinity) throws java.sql.SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (resonance == null) {
      return out;
    }
    List<String[]> similar = new ArrayList<>();
    if (!affinity.similarTitles().isEmpty()) {
      affinity.similarTitles().stream().limit(SIMILAR).forEach(t -> similar.add(new String[] {t.assetId(), t.title()}));
    } else if (recommender != null) {
      try {
        recommender.similar(asset, new RecommendationRules.Request(SIMILAR, null, null)).orElse(List.of())
            .forEach(r -> similar.add(new String[] {r.assetId(), r.title()}));
      } catch (RecommendationService.NotReady e) {
        return out;
      }
    }
    for (String[] t : similar) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("asset_id", t[0]);
      row.put("title", t[1]);
      row.put("resonates_with", resonance.resonatesWith(t[0]));
      out.add(row);
    }
    return out;
  }

  /** The similar titles whose viewers drove a cold-start score, with their weight; empty otherwise. */
  private static List<Map<String, Object>> drivenBy(Affinity affinity) {
    List<Map<String, Object>> out = new ArrayList<>();
    double total = affinity.similarTitles().stream().mapToDouble(Affinity.SimilarTitle::similarity).sum();
    for (Affinity.SimilarTitle t : affinity.similarTitles()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("asset_id", t.assetId());
      row.put("title", t.title());
      row.put("similarity", Math.round(t.similarity() * 1000) / 1000.0);
      row.put("weight", Math.round(t.similarity() / total * 1000) / 1000.0);
      row.put("viewers", SmallCells.count(t.viewers()));
      out.add(row);
    }
    return out;
  }

  void register(RoutesConfig routes) {
    routes.post("/v1/audiences/for-title/{assetId}", this::handle);
  }

  private static int size(Context ctx) {
    String s = ctx.queryParam("size");
    if (s == null) {
      return DEFAULT_SIZE;
    }
    try {
      int n = Integer.parseInt(s.strip());
      if (n >= 1 && n <= MAX_SIZE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new BadRequestResponse("size: must be an integer from 1 to " + MAX_SIZE);
  }

  private void handle(Context ctx) throws Exception {
    auth.require(ctx, Role.MARKETER);
    int size = size(ctx);
    String asset = ctx.pathParam("assetId");
    if (affinities == null) {
      throw new ConflictResponse("no recommender runs on this node to predict affinity");
    }
    Optional<String[]> title = title(asset);
    Affinity affinity;
    try {
      affinity = affinities.of(asset).orElseThrow(() -> new NotFoundResponse("no title '" + asset + "'"));
    } catch (Affinities.Unavailable e) {
      throw new BadRequestResponse("model: " + e.getMessage());
    }
    String rating = title.map(t -> t[1]).orElse(null);
    boolean adult = rating != null && ADULT.contains(rating.strip().toUpperCase(java.util.Locale.ROOT));
    ArrayNode filters = json.createArrayNode();
    filters.add(json.createObjectNode().set("not_watched", json.createObjectNode().put("asset_id", asset)));
    if (adult) {
      ArrayNode brackets = filters.addObject().putArray("age_bracket");
      AgeBracket.ALL.stream().filter(b -> !b.equals("<13") && !b.equals("13-17")).forEach(brackets::add);
    }
    long k = rankOfNth(RuleCompiler.top(affinity, Long.MAX_VALUE), size, top -> eligibleAmongTop(asset, top, filters));
    ArrayNode parts = json.createArrayNode();
    parts.addObject().putObject("predicted_affinity").put("asset_id", asset).put("top", Math.max(1, k));
    parts.addAll(filters);
    String name = "for-title " + asset + (title.isPresent() && title.get()[0] != null ? " (" + title.get()[0] + ")" : "");
    Audiences.Saved saved = audiences.create(name.length() > 200 ? name.substring(0, 200) : name, and(parts));
    List<Audiences.Member> members = audiences.current(saved.id());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", saved.id());
    out.put("name", saved.name());
    out.put("asset_id", asset);
    out.put("requested_size", size);
    out.put("size", SmallCells.count(members.size()));
    out.put("basis", affinity.basis());
    out.put("driven_by", drivenBy(affinity));
    out.put("model_trained_at", java.time.Instant.ofEpochSecond(affinity.trainedAt()).toString());
    out.put("maturity_rating", rating);
    out.put("adults_only", adult);
    out.put("rule", saved.rule());
    out.put("reach", reach(members));
    out.put("composition", AudiencesApi.composition(members));
    out.put("similar_titles", similar(asset, affinity));
    out.put("computed_at", saved.computedAt() == null ? null : saved.computedAt().toString());
    ctx.status(201).contentType("application/json").result(json.writeValueAsString(out));
  }

  /** The eligible users among the {@code top} best-ranked. */
  interface Eligibility {
    Set<String> amongTop(long top) throws java.sql.SQLException;
  }

  /**
   * The rank in {@code ranked} of its {@code size}-th eligible user (all of {@code ranked} when fewer
   * are eligible). Eligibility (the audiences' one rule) is asked for a window of the best-ranked users
   * only, 2N + 100 first, grown until it holds N eligible users or everyone.
   */
  static long rankOfNth(List<String> ranked, int size, Eligibility eligibility) throws java.sql.SQLException {
    long window = Math.min(ranked.size(), 2L * size + 100);
    while (true) {
      Set<String> eligible = eligibility.amongTop(window);
      long k = 0;
      int taken = 0;
      for (int r = 0; r < window && taken < size; r++) {
        k++;
        if (eligible.contains(ranked.get(r))) {
          taken++;
        }
      }
      if (taken >= size || window >= ranked.size()) {
        return k;
      }
      window = Math.min(ranked.size(), Math.max(2 * window, (long) (1.2 * window * size / Math.max(1, taken))));
    }
  }

  /** The members the audience rule {@code filters} selects among the {@code top} best-ranked users. */
  private Set<String> eligibleAmongTop(String asset, long top, ArrayNode filters) throws java.sql.SQLException {
    ArrayNode parts = json.createArrayNode();
    parts.addObject().putObject("predicted_affinity").put("asset_id", asset).put("top", Math.max(1, top));
    parts.addAll(filters);
    Set<String> eligible = new HashSet<>();
    for (Audiences.Member m : audiences.evaluate(audiences.compile(and(parts), null))) {
      eligible.add(m.userId());
    }
    return eligible;
  }

  private ObjectNode and(ArrayNode parts) {
    ObjectNode n = json.createObjectNode();
    n.set("and", parts);
    return n;
  }

  /** The catalog's display title and maturity rating of {@code asset}; empty when not in the catalog. */
  private Optional<String[]> title(String asset) throws java.sql.SQLException {
    try (Connection c = store.readConnection();
        PreparedStatement p = c.prepareStatement("SELECT title, maturity_rating FROM titles WHERE asset_id = ?")) {
      p.setString(1, asset);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(new String[] {r.getString(1), r.getString(2)}) : Optional.empty();
      }
    }
  }

  /**
   * The members by age bracket and gender crossed (unknown for a null value), in value order, each
   * cell under {@link SmallCells#MIN_USERS} suppressed with its complementary cells.
   */
  static List<Map<String, Object>> reach(List<Audiences.Member> members) {
    Map<List<String>, Long> counts = new TreeMap<>((a, b) -> {
      int c = a.get(0).compareTo(b.get(0));
      return c != 0 ? c : a.get(1).compareTo(b.get(1));
    });
    for (Audiences.Member m : members) {
      counts.merge(List.of(m.ageBracket() == null ? "unknown" : m.ageBracket(), m.gender() == null ? "unknown" : m.gender()),
          1L, Long::sum);
    }
    List<Map.Entry<List<String>, Long>> cells = new ArrayList<>(counts.entrySet());
    boolean[] hidden = SmallCells.suppress(cells.stream().mapToLong(Map.Entry::getValue).toArray());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("age_bracket", cells.get(i).getKey().get(0));
      row.put("gender", cells.get(i).getKey().get(1));
      row.put("users", hidden[i] ? SmallCells.SUPPRESSED : cells.get(i).getValue());
      rows.add(row);
    }
    return rows;
  }
}
