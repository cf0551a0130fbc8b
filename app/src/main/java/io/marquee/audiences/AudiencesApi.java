package io.marquee.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.marquee.access.Authorization;
import io.marquee.access.RequestJson;
import io.marquee.access.Role;
import io.marquee.insights.SmallCells;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The audiences API (role {@code marketer} or above; grammar and rules in {@code docs/audiences.md}):
 * <ul>
 *   <li>{@code POST /v1/audiences} {@code {"name","rule"}}: validates, saves and computes; 201 with
 *       {@code id}, {@code size}, {@code computed_at}, {@code refresh_minutes}; 400 naming the bad node's path.
 *   <li>{@code GET /v1/audiences}: every audience's id, name, size, computed_at.
 *   <li>{@code GET /v1/audiences/{id}}: rule, size, composition by age bracket, gender and country
 *       (small cells suppressed, complementary too), daily size history with adds and drops; 404.
 *   <li>{@code POST /v1/audiences/estimate} {@code {"rule"}}: size and composition, nothing saved.
 *   <li>{@code GET /v1/audiences/{id}/overlap/{other}}: both sizes, intersection, union, Jaccard.
 *   <li>{@code DELETE /v1/audiences/{id}}: 204; 404; 409 while another audience's {@code member_of} names it.
 * </ul>
 * Every count under {@link SmallCells#MIN_USERS} is shown as {@value SmallCells#SUPPRESSED}.
 */
final class AudiencesApi {
  private static final int MAX_NAME = 200;
  private static final List<String> DIMENSIONS = List.of("age_bracket", "gender", "country");

  private final Audiences audiences;
  private final Authorization auth;
  private final ObjectMapper json;
  private final int refreshMinutes;

  AudiencesApi(Audiences audiences, Authorization auth, ObjectMapper json, int refreshMinutes) {
    this.audiences = audiences;
    this.auth = auth;
    this.json = json;
    this.refreshMinutes = refreshMinutes;
  }

  void register(RoutesConfig routes) {
    routes.post("/v1/audiences", this::create);
    routes.get("/v1/audiences", this::list);
    routes.post("/v1/audiences/estimate", this::estimate);
    routes.get("/v1/audiences/{id}", this::get);
    routes.get("/v1/audiences/{id}/overlap/{other}", this::overlap);
    routes.delete("/v1/audiences/{id}", this::delete);
  }

  private JsonNode body(Context ctx, Set<String> allowed) {
    JsonNode body = RequestJson.object(ctx, json, "an object with keys " + allowed);
    for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new BadRequestResponse(k + ": unknown key (allowed: " + allowed + ")");
      }
    }
    if (!body.has("rule")) {
      throw new BadRequestResponse("rule: is required");
    }
    return body;
  }

  private Rule compile(JsonNode rule, String self) {
    try {
      return audiences.compile(rule, self);
    } catch (RuleException e) {
      throw new BadRequestResponse("rule: " + e.getMessage());
    }
  }

  private void create(Context ctx) throws Exception {
    auth.require(ctx, Role.MARKETER);
    JsonNode body = body(ctx, Set.of("name", "rule"));
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > MAX_NAME) {
      throw new BadRequestResponse("name: must be a non-empty string of at most " + MAX_NAME + " characters");
    }
    compile(body.get("rule"), null);
    Audiences.Saved saved;
    try {
      saved = audiences.create(name.asText().strip(), body.get("rule"));
    } catch (RuleException e) {
      throw new BadRequestResponse("rule: " + e.getMessage());
    }
    Map<String, Object> out = summary(saved, audiences.current(saved.id()).size());
    ctx.status(201).contentType("application/json").result(json.writeValueAsString(out));
  }

  private Map<String, Object> summary(Audiences.Saved s, long size) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("name", s.name());
    out.put("size", SmallCells.count(size));
    out.put("computed_at", s.computedAt() == null ? null : s.computedAt().toString());
    out.put("refresh_minutes", refreshMinutes);
    return out;
  }

  private void list(Context ctx) throws Exception {
    auth.require(ctx, Role.MARKETER);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Audiences.Saved s : audiences.list()) {
      Map<String, Object> row = summary(s, audiences.current(s.id()).size());
      row.remove("refresh_minutes");
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("audiences", rows);
    out.put("refresh_minutes", refreshMinutes);
    ctx.contentType("application/json").result(json.writeValueAsString(out));
  }

  private Audiences.Saved saved(String id) throws SQLException {
    return audiences.find(id).orElseThrow(() -> new NotFoundResponse("no audience '" + id + "'"));
  }

  private void get(Context ctx) throws Exception {
    auth.require(ctx, Role.MARKETER);
    Audiences.Saved s = saved(ctx.pathParam("id"));
    List<Audiences.Member> members = audiences.current(s.id());
    Map<String, Object> out = summary(s, members.size());
    out.put("rule", s.rule());
    out.put("composition", composition(members));
    List<Map<String, Object>> history = new ArrayList<>();
    for (Audiences.Day d : audiences.history(s.id())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("day", d.day());
      row.put("size", SmallCells.count(d.size()));
      row.put("adds", SmallCells.count(d.adds()));
      row.put("drops", SmallCells.count(d.drops()));
      history.add(row);
    }
    out.put("history", history);
    ctx.contentType("application/json").result(json.writeValueAsString(out));
  }

  private void estimate(Context ctx) throws Exception {
    auth.require(ctx, Role.MARKETER);
    JsonNode body = body(ctx, Set.of("rule"));
    long started = System.nanoTime();
    List<Audiences.Cell> cells = audiences.cells(compile(body.get("rule"), null));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("size", SmallCells.count(cells.stream().mapToLong(Audiences.Cell::users).sum()));
    out.put("composition", cellComposition(cells));
    out.put("as_of", audiences.clock().instant().toString());
    out.put("took_ms", (System.nanoTime() - started) / 1_000_000);
    ctx.contentType("application/json").result(json.writeValueAsString(out));
  }

  private void overlap(Context ctx) throws Exception {
    auth.require(ctx, Role.MARKETER);
    Audiences.Saved a = saved(ctx.pathParam("id"));
    Audiences.Saved b = saved(ctx.pathParam("other"));
    Set<String> first = ids(audiences.current(a.id()));
    Set<String> second = ids(audiences.current(b.id()));
    Set<String> both = new HashSet<>(first);
    both.retainAll(second);
    Set<String> union = new HashSet<>(first);
    union.addAll(second);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("a", Map.of("id", a.id(), "size", SmallCells.count(first.size())));
    out.put("b", Map.of("id", b.id(), "size", SmallCells.count(second.size())));
    out.put("intersection", SmallCells.count(both.size()));
    out.put("union", SmallCells.count(union.size()));
    // the index is withheld with a suppressed intersection, from which it would give the count back
    boolean open = !SmallCells.small(both.size()) && !SmallCells.small(union.size());
    out.put("jaccard", open ? (double) both.size() / union.size() : null);
    ctx.contentType("application/json").result(json.writeValueAsString(out));
  }

  private static Set<String> ids(List<Audiences.Member> members) {
    Set<String> out = new HashSet<>();
    members.forEach(m -> out.add(m.userId()));
    return out;
  }

  private void delete(Context ctx) throws Exception {
    auth.require(ctx, Role.MARKETER);
    String id = ctx.pathParam("id");
    saved(id);
    List<String> dependents = audiences.dependents(id);
    if (!dependents.isEmpty()) {
      throw new ConflictResponse("audience '" + id + "' is named by member_of or as a lookalike seed in " + dependents
          + "; delete those first");
    }
    if (!audiences.delete(id)) {
      throw new NotFoundResponse("no audience '" + id + "'");
    }
    ctx.status(204);
  }

  /**
   * The members' counts by each dimension (unknown for a null value), in value order (not by size, which
   * would rank the suppressed cells), with the small-cell
   * rules: primary and complementary suppression within each dimension.
   */
  static Map<String, Object> composition(List<Audiences.Member> members) {
    Map<List<String>, Long> cells = new java.util.HashMap<>();
    for (Audiences.Member m : members) {
      cells.merge(java.util.Arrays.asList(m.ageBracket(), m.gender(), m.country()), 1L, Long::sum);
    }
    List<Audiences.Cell> out = new ArrayList<>();
    cells.forEach((k, n) -> out.add(new Audiences.Cell(k.get(0), k.get(1), k.get(2), n)));
    return cellComposition(out);
  }

  /** The same from cells already counted ({@link Audiences#cells}): each adds its users to its value of each dimension. */
  static Map<String, Object> cellComposition(List<Audiences.Cell> cells) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Function<Audiences.Cell, String>> getters = List.of(Audiences.Cell::ageBracket,
        Audiences.Cell::gender, Audiences.Cell::country);
    for (int d = 0; d < DIMENSIONS.size(); d++) {
      Map<String, Long> counts = new TreeMap<>();
      for (Audiences.Cell cell : cells) {
        String v = getters.get(d).apply(cell);
        counts.merge(v == null ? "unknown" : v, cell.users(), Long::sum);
      }
      List<Map.Entry<String, Long>> values = new ArrayList<>(counts.entrySet());
      long[] users = values.stream().mapToLong(Map.Entry::getValue).toArray();
      boolean[] hidden = SmallCells.suppress(users);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("value", values.get(i).getKey());
        row.put("users", hidden[i] ? SmallCells.SUPPRESSED : values.get(i).getValue());
        rows.add(row);
      }
      out.put(DIMENSIONS.get(d), rows);
    }
    return out;
  }
}
