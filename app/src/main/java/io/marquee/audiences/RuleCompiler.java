package io.marquee.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.core.AgeBracket;
import io.marquee.recommend.Affinities;
import io.marquee.recommend.Affinity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The compiler of audience rules (the JSON grammar of {@code docs/audiences.md}) into one SQL
 * condition over {@code profiles p}, validating as it goes: a node that cannot be evaluated throws a
 * {@link RuleException} naming its JSON path ({@code $.and[1].watched.min_views}).
 *
 * <p>Every leaf is wrapped in {@code COALESCE(..., FALSE)} so that {@code not} of a leaf on a null
 * column (a profile without a gender, say) is true, as the in-Java reading of the grammar has it.
 * {@code member_of} inlines the other audience's rule (so it is as fresh as this one) and refuses a
 * cycle. Times are compared with {@code now} as given, so a rule's meaning is fixed per evaluation.
 */
final class RuleCompiler {
  /** Deepest nesting of a rule. */
  static final int MAX_DEPTH = 16;
  /** Most nodes in one rule. */
  static final int MAX_NODES = 200;
  /** Longest window of a {@code last_days}, a {@code lapsed} or a {@code from}..{@code to}, in days. */
  static final int MAX_DAYS = 3660;

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Set<String> TARGETS = Set.of("asset_id", "series_id", "genre");
  private static final Map<String, Set<String>> KEYS = Map.ofEntries(
      Map.entry("genre_affinity", Set.of("genre", "min_hours")),
      Map.entry("partner", Set.of("attribute", "value", "party", "source")),
      Map.entry("watched", Set.of("asset_id", "series_id", "genre", "min_views", "min_hours", "last_days", "from",
          "to")),
      Map.entry("finished_season", Set.of("series_id", "season")),
      Map.entry("lapsed", Set.of("days")),
      Map.entry("streams_of_artist", Set.of("artist", "min_streams", "last_days", "from", "to")),
      Map.entry("rated", Set.of("asset_id", "min", "max")),
      Map.entry("member_of", Set.of("audience_id")),
      Map.entry("predicted_affinity", Set.of("asset_id", "min_percentile", "top")),
      Map.entry("lookalike", Set.of("seed", "country", "share")));
  /** Most users a {@code predicted_affinity} may name with {@code top}. */
  static final int MAX_TOP = 1_000_000;
  /** Separates the user ids of a {@code predicted_affinity} in its one bound parameter. */
  static final String ID_SEPARATOR = "\u0001";

  /** The titles of a genre (the parameter, lower-cased), matched case-insensitively, before any view is read. */
  private static final String GENRE_TITLES =
      "SELECT asset_id FROM titles WHERE list_contains(list_transform(genres, g -> lower(g)), ?)";

  private final Instant now;
  private final Function<String, Optional<JsonNode>> audiences;
  private final Affinities affinities;
  private final Lookalikes lookalikes;
  private final Deque<String> visiting = new ArrayDeque<>();
  private final List<Object> params = new ArrayList<>();
  private int nodes;

  private RuleCompiler(Instant now, Function<String, Optional<JsonNode>> audiences, Affinities affinities,
      Lookalikes lookalikes) {
    this.now = now;
    this.audiences = audiences;
    this.affinities = affinities;
    this.lookalikes = lookalikes;
  }

  /**
   * Compiles {@code rule}.
   *
   * @param now the time {@code last_days}, {@code lapsed} and unexpired partner rows are read against
   * @param audiences the rule of a saved audience by id (for {@code member_of}), empty when none
   * @param self the id of the audience being compiled (null for an estimate), which it may not name
   */
  static Rule compile(JsonNode rule, Instant now, Function<String, Optional<JsonNode>> audiences, String self) {
    return compile(rule, now, audiences, null, self);
  }

  /**
   * Compiles {@code rule}, reading {@code predicted_affinity} from {@code affinities} (null on a
   * node without a recommender: such a leaf is then refused).
   */
  static Rule compile(JsonNode rule, Instant now, Function<String, Optional<JsonNode>> audiences, Affinities affinities,
      String self) {
    return compile(rule, now, audiences, affinities, null, self);
  }

  /** Compiles {@code rule}, reading {@code lookalike} from {@code lookalikes} (null: such a leaf is refused). */
  static Rule compile(JsonNode rule, Instant now, Function<String, Optional<JsonNode>> audiences, Affinities affinities,
      Lookalikes lookalikes, String self) {
    RuleCompiler c = new RuleCompiler(now, audiences, affinities, lookalikes);
    if (self != null) {
      c.visiting.push(self);
    }
    String sql = c.node(rule, "$", 1);
    return new Rule(sql, c.params);
  }

  private String node(JsonNode n, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new RuleException(path, "a rule may nest at most " + MAX_DEPTH + " levels");
    }
    if (++nodes > MAX_NODES) {
      throw new RuleException(path, "a rule may have at most " + MAX_NODES + " nodes");
    }
    if (n == null || !n.isObject() || n.size() != 1) {
      throw new RuleException(path, "must be an object with exactly one key (and, or, not or a leaf)");
    }
    String op = n.fieldNames().next();
    JsonNode arg = n.get(op);
    String at = path + "." + op;
    switch (op) {
      case "and":
      case "or":
        return group(op, arg, at, depth);
      case "not":
        return "NOT (" + node(arg, at, depth + 1) + ")";
      case "age_bracket":
        return leaf("p.age_bracket IN (" + values(arg, at, (here, v) -> {
          if (!AgeBracket.ALL.contains(v)) {
            throw new RuleException(here, "'" + v + "' is not one of " + AgeBracket.ALL);
          }
          return v;
        }) + ")");
      case "gender":
        return leaf("p.gender IN (" + values(arg, at, (here, v) -> v.strip().toLowerCase(Locale.ROOT)) + ")");
      case "country":
        return leaf("p.country IN (" + values(arg, at, (here, v) -> {
          String c = v.strip().toUpperCase(Locale.ROOT);
          if (!COUNTRY.matcher(c).matches()) {
            throw new RuleException(here, "'" + v + "' is not an ISO 3166 alpha-2 country code");
          }
          return c;
        }) + ")");
      case "interest":
        return leaf("list_has_any(p.interests, [" + values(arg, at, (here, v) -> v.strip().toLowerCase(Locale.ROOT)) + "])");
      case "genre_affinity":
        return genreAffinity(object(op, arg, at), at);
      case "partner":
        return partner(object(op, arg, at), at);
      case "watched":
        return watched(object(op, arg, at), at);
      case "not_watched":
        return "NOT (" + watched(object("watched", arg, at), at) + ")";
      case "finished_season":
        return finishedSeason(object(op, arg, at), at);
      case "lapsed":
        return lapsed(object(op, arg, at), at);
      case "streams_of_artist":
        return streams(object(op, arg, at), at);
      case "rated":
        return rated(object(op, arg, at), at);
      case "member_of":
        return memberOf(object(op, arg, at), at, depth);
      case "predicted_affinity":
        return predictedAffinity(object(op, arg, at), at);
      case "lookalike":
        return lookalike(object(op, arg, at), at);
      default:
        throw new RuleException(at, "unknown node (expected and, or, not, age_bracket, gender, country, interest, "
            + "genre_affinity, partner, watched, not_watched, finished_season, lapsed, streams_of_artist, rated, "
            + "member_of, predicted_affinity, lookalike)");
    }
  }

  private String group(String op, JsonNode arg, String at, int depth) {
    if (arg == null || !arg.isArray() || arg.isEmpty()) {
      throw new RuleException(at, "must be a non-empty array of rules");
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < arg.size(); i++) {
      parts.add("(" + node(arg.get(i), at + "[" + i + "]", depth + 1) + ")");
    }
    return String.join(op.equals("and") ? " AND " : " OR ", parts);
  }

  private static String leaf(String condition) {
    return "COALESCE(" + condition + ", FALSE)";
  }

  /** Membership of a subquery's users; false, never null, when not found (views of anonymous users have a null user id). */
  private String in(String select) {
    return leaf("p.user_id IN (" + select + ")");
  }

  /** Binds one string or a non-empty list of strings, each checked with its path; the placeholders, comma-separated. */
  private String values(JsonNode arg, String at, java.util.function.BinaryOperator<String> check) {
    List<JsonNode> items = new ArrayList<>();
    if (arg != null && arg.isArray()) {
      arg.forEach(items::add);
    } else if (arg != null) {
      items.add(arg);
    }
    if (items.isEmpty() || items.size() > 100) {
      throw new RuleException(at, "must be a string or a list of 1 to 100 strings");
    }
    List<String> marks = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode v = items.get(i);
      String here = arg.isArray() ? at + "[" + i + "]" : at;
      if (!v.isTextual() || v.asText().isBlank()) {
        throw new RuleException(here, "must be a non-empty string");
      }
      params.add(check.apply(here, v.asText()));
      marks.add("?");
    }
    return String.join(", ", marks);
  }

  private static JsonNode object(String op, JsonNode arg, String at) {
    if (arg == null || !arg.isObject()) {
      throw new RuleException(at, "must be an object");
    }
    Set<String> allowed = KEYS.get(op);
    for (Iterator<String> it = arg.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new RuleException(at + "." + k, "unknown key (allowed: " + new java.util.TreeSet<>(allowed) + ")");
      }
    }
    return arg;
  }

  private static String text(JsonNode o, String key, String at, boolean required) {
    JsonNode v = o.get(key);
    if (v == null) {
      if (required) {
        throw new RuleException(at + "." + key, "is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new RuleException(at + "." + key, "must be a non-empty string");
    }
    return v.asText();
  }

  private static Long positiveInt(JsonNode o, String key, String at, long max) {
    JsonNode v = o.get(key);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > max) {
      throw new RuleException(at + "." + key, "must be a positive integer" + (max < Long.MAX_VALUE ? " up to " + max : ""));
    }
    return v.asLong();
  }

  private static Double number(JsonNode o, String key, String at, boolean positive) {
    JsonNode v = o.get(key);
    if (v == null) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.asDouble()) || (positive ? v.asDouble() <= 0 : v.asDouble() < 0)) {
      throw new RuleException(at + "." + key, positive ? "must be a positive number" : "must be a number >= 0");
    }
    return v.asDouble();
  }

  private String timestamp(Instant t) {
    params.add(LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString());
    return "CAST(? AS TIMESTAMP)";
  }

  /** The window condition on {@code v.started_at} ({@code last_days}, or {@code from} and {@code to}, inclusive days). */
  private String window(JsonNode o, String at) {
    Long days = positiveInt(o, "last_days", at, MAX_DAYS);
    boolean dates = o.has("from") || o.has("to");
    if (days != null && dates) {
      throw new RuleException(at + ".last_days", "give either last_days or from and to, not both");
    }
    if (days != null) {
      return " AND v.started_at >= " + timestamp(now.minus(days, ChronoUnit.DAYS));
    }
    if (!dates) {
      return "";
    }
    LocalDate from = date(o, "from", at);
    LocalDate to = date(o, "to", at);
    if (to.isBefore(from)) {
      throw new RuleException(at + ".to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw new RuleException(at + ".to", "the window may span at most " + MAX_DAYS + " days");
    }
    return " AND v.started_at >= " + timestamp(from.atStartOfDay(ZoneOffset.UTC).toInstant())
        + " AND v.started_at < " + timestamp(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static LocalDate date(JsonNode o, String key, String at) {
    String s = text(o, key, at, true);
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new RuleException(at + "." + key, "must be a date YYYY-MM-DD");
    }
  }

  private String genreAffinity(JsonNode o, String at) {
    params.add(text(o, "genre", at, true).strip().toLowerCase(Locale.ROOT));
    Double hours = number(o, "min_hours", at, true);
    if (hours == null) {
      throw new RuleException(at + ".min_hours", "is required");
    }
    params.add(hours * 3600);
    return in("SELECT v.user_id FROM views v WHERE v.asset_id IN (" + GENRE_TITLES + ") GROUP BY v.user_id "
        + "HAVING SUM(COALESCE(v.watch_seconds, 0)) >= ?");
  }

  private String partner(JsonNode o, String at) {
    StringBuilder sql = new StringBuilder("SELECT a.user_id FROM partner_attributes a WHERE a.attribute = ?");
    params.add(text(o, "attribute", at, true));
    sql.append(" AND a.expires_at > ").append(timestamp(now));
    JsonNode value = o.get("value");
    if (value != null) {
      if (!value.isValueNode() || value.isNull()) {
        throw new RuleException(at + ".value", "must be a string, a number or a boolean");
      }
      // the JSON value read as text: "x" -> x, 3 -> 3, true -> true
      sql.append(" AND json_extract_string(a.value, '$') = ?");
      params.add(value.isNumber() && value.canConvertToExactIntegral() ? Long.toString(value.asLong()) : value.asText());
    }
    for (String k : List.of("party", "source")) {
      String v = text(o, k, at, false);
      if (v != null) {
        sql.append(" AND a.").append(k).append(" = ?");
        params.add(v);
      }
    }
    return in(sql.toString());
  }

  private String watched(JsonNode o, String at) {
    List<String> given = new ArrayList<>();
    for (String t : List.of("asset_id", "series_id", "genre")) {
      if (o.has(t)) {
        given.add(t);
      }
    }
    if (given.size() != 1) {
      throw new RuleException(at, "needs exactly one of " + new java.util.TreeSet<>(TARGETS));
    }
    String target = given.get(0);
    String value = text(o, target, at, true);
    String where = switch (target) {
      case "asset_id" -> "v.asset_id = ?";
      case "series_id" -> "v.asset_id IN (SELECT asset_id FROM titles WHERE series_id = ?)";
      default -> "v.asset_id IN (" + GENRE_TITLES + ")";
    };
    params.add(target.equals("genre") ? value.strip().toLowerCase(Locale.ROOT) : value);
    String window = window(o, at);
    Long views = positiveInt(o, "min_views", at, 1_000_000);
    Double hours = number(o, "min_hours", at, true);
    params.add(views == null ? 1L : views);
    String having = "COUNT(*) >= ?";
    if (hours != null) {
      params.add(hours * 3600);
      having += " AND SUM(COALESCE(v.watch_seconds, 0)) >= ?";
    }
    return in("SELECT v.user_id FROM views v WHERE " + where + window + " GROUP BY v.user_id HAVING " + having);
  }

  private String finishedSeason(JsonNode o, String at) {
    String series = text(o, "series_id", at, true);
    Long season = positiveInt(o, "season", at, 10_000);
    if (season == null) {
      throw new RuleException(at + ".season", "is required");
    }
    params.add(series);
    params.add(season);
    params.add(series);
    params.add(season);
    return in("SELECT v.user_id FROM views v JOIN titles t ON t.asset_id = v.asset_id "
        + "WHERE t.series_id = ? AND t.season = ? AND v.completed GROUP BY v.user_id "
        + "HAVING COUNT(DISTINCT v.asset_id) = (SELECT COUNT(*) FROM titles WHERE series_id = ? AND season = ?)");
  }

  private String lapsed(JsonNode o, String at) {
    Long days = positiveInt(o, "days", at, MAX_DAYS);
    if (days == null) {
      throw new RuleException(at + ".days", "is required");
    }
    return in("SELECT v.user_id FROM views v WHERE v.user_id IS NOT NULL GROUP BY v.user_id HAVING MAX(v.started_at) < "
        + timestamp(now.minus(days, ChronoUnit.DAYS)));
  }

  private String streams(JsonNode o, String at) {
    params.add(text(o, "artist", at, true));
    String window = window(o, at);
    Long streams = positiveInt(o, "min_streams", at, 1_000_000);
    params.add(streams == null ? 1L : streams);
    return in("SELECT v.user_id FROM views v WHERE v.asset_id IN (SELECT asset_id FROM titles WHERE artist = ?)" + window
        + " GROUP BY v.user_id HAVING COUNT(*) >= ?");
  }

  private String rated(JsonNode o, String at) {
    params.add(text(o, "asset_id", at, true));
    Double min = number(o, "min", at, false);
    Double max = number(o, "max", at, false);
    if (min != null && max != null && max < min) {
      throw new RuleException(at + ".max", "must not be below min");
    }
    String cond = "";
    if (min != null) {
      params.add(min);
      cond += " AND r.rating >= ?";
    }
    if (max != null) {
      params.add(max);
      cond += " AND r.rating <= ?";
    }
    // the user's latest rating of the title counts
    return in("SELECT r.user_id FROM (SELECT user_id, rating FROM title_actions WHERE action = 'rated' AND asset_id = ? "
        + "AND user_id IS NOT NULL QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY timestamp DESC, log_pos DESC) = 1"
        + ") r WHERE r.rating IS NOT NULL" + cond);
  }

  /**
   * The users the recommender scores highest for a title: {@code min_percentile} p keeps each user
   * whose score is at or above the p-th percentile (at least p % of the scored users score lower),
   * {@code top} n the n highest (ties by user id). Scored now, from the model being served; the ids
   * are bound as one parameter, never spliced into the SQL.
   */
  private String predictedAffinity(JsonNode o, String at) {
    String asset = text(o, "asset_id", at, true);
    boolean byPercentile = o.has("min_percentile");
    if (byPercentile == o.has("top")) {
      throw new RuleException(at, "needs exactly one of [min_percentile, top]");
    }
    Double percentile = null;
    Long top = null;
    if (byPercentile) {
      percentile = number(o, "min_percentile", at, false);
      if (percentile > 100) {
        throw new RuleException(at + ".min_percentile", "must be a number from 0 to 100");
      }
    } else {
      top = positiveInt(o, "top", at, MAX_TOP);
    }
    if (affinities == null) {
      throw new RuleException(at, "this node has no recommender to predict affinity");
    }
    Affinity affinity;
    try {
      affinity = affinities.of(asset).orElseThrow(() -> new RuleException(at + ".asset_id",
          "the recommender's model knows no title '" + asset + "' (it may be newer than the last training)"));
    } catch (Affinities.Unavailable e) {
      throw new RuleException(at, e.getMessage());
    }
    List<String> users = byPercentile ? atOrAbovePercentile(affinity, percentile) : top(affinity, top);
    params.add(String.join(ID_SEPARATOR, users));
    params.add(ID_SEPARATOR);
    return in("SELECT unnest(string_split(?, ?))");
  }

  /** The users ranked by descending score, ties by ascending id. */
  private static List<Map.Entry<String, Float>> ranked(Affinity a) {
    List<Map.Entry<String, Float>> all = new ArrayList<>(a.scores().entrySet());
    all.removeIf(e -> e.getKey().contains(ID_SEPARATOR));
    all.sort(Map.Entry.<String, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    return all;
  }

  static List<String> top(Affinity a, long n) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Float> e : ranked(a)) {
      if (out.size() >= n) {
        break;
      }
      out.add(e.getKey());
    }
    return out;
  }

  /** Users whose share of scored users with a strictly lower score is at least {@code p} %. */
  static List<String> atOrAbovePercentile(Affinity a, double p) {
    List<Map.Entry<String, Float>> all = ranked(a);
    int n = all.size();
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n;) {
      int end = k;
      while (end < n && all.get(end).getValue().equals(all.get(k).getValue())) {
        end++;
      }
      long lower = n - end; // users after this run of ties all score lower
      if (100.0 * lower < p * n) {
        break;
      }
      for (int j = k; j < end; j++) {
        out.add(all.get(j).getKey());
      }
      k = end;
    }
    return out;
  }

  /** The lookalike of a seed audience ({@link LookalikeNode}), recomputed now; the ids bound as one parameter. */
  private String lookalike(JsonNode o, String at) {
    List<String> users = new ArrayList<>(LookalikeNode.parse(o, at, visiting).select(lookalikes, at));
    users.removeIf(u -> u.contains(ID_SEPARATOR));
    params.add(String.join(ID_SEPARATOR, users));
    params.add(ID_SEPARATOR);
    return in("SELECT unnest(string_split(?, ?))");
  }

  private String memberOf(JsonNode o, String at, int depth) {
    String id = text(o, "audience_id", at, true);
    if (visiting.contains(id)) {
      throw new RuleException(at + ".audience_id", "'" + id + "' would make a cycle of audiences");
    }
    JsonNode other = audiences.apply(id).orElseThrow(
        () -> new RuleException(at + ".audience_id", "no audience '" + id + "'"));
    visiting.push(id);
    try {
      return "(" + node(other, at + "(" + id + ")", depth + 1) + ")";
    } catch (RuleException e) {
      throw new RuleException(at + ".audience_id", "'" + id + "' cannot be evaluated: " + e.getMessage());
    } finally {
      visiting.pop();
    }
  }
}
