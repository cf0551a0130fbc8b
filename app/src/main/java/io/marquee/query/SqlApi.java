package io.marquee.query;

import io.marquee.core.Csv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.marquee.access.Authorization;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /v1/sql}: one read-only SQL query over a running node's store, for an API key of role
 * {@code admin} ({@code Authorization: Bearer KEY}); {@code marquee sql --url URL --api-key KEY}
 * uses it. Admin only, since the tables hold per-user rows and hashed e-mails.
 *
 * <p>Body: the SQL as text, or {@code {"sql": "..."}} with {@code Content-Type: application/json}.
 * Output: {@code format=csv|json}, else {@code Accept: text/csv} gives CSV, anything else JSON
 * {@code {"columns": [...], "rows": [[...]], "row_count": N, "truncated": false}}. CSV has a header
 * line; when cut it carries {@code Marquee-Truncated: true}.
 *
 * <p>Limits: one query at a time on the node (a second gets 429 with {@code Retry-After}); {@code
 * sql.timeout-seconds} (cancelled past it: 400, code {@code timeout}); {@code sql.max-rows} (rows
 * past it left out, {@code truncated: true}); {@code sql.memory-limit} (DuckDB's memory limit).
 * Refusals answer 400 {@code {"error", "code"}} with the codes of {@link QueryRefusedException};
 * 401 without a valid key, 403 for a key below admin.
 */
public final class SqlApi {
  static final String PATH = "/v1/sql";
  private final QueryRunner runner;
  private final Authorization auth;
  private final ObjectMapper json;
  private final long maxRows;
  private final long retryAfterSeconds;
  private final Semaphore oneAtATime = new Semaphore(1);

  private SqlApi(QueryRunner runner, Authorization auth, ObjectMapper json, long maxRows, long retryAfterSeconds) {
    this.runner = runner;
    this.auth = auth;
    this.json = json;
    this.maxRows = maxRows;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The endpoint on {@code store}, which it locks down for queries first ({@link Store#lockDown}). */
  public static SqlApi on(Store store, Authorization auth, ObjectMapper json, Settings s) throws IOException {
    String memory = s.string("sql.memory-limit").trim();
    store.lockDown(memory.isEmpty() ? null : memory);
    long maxRows = s.longValue("sql.max-rows");
    QueryRunner runner = new QueryRunner(store::readConnection, s.longValue("sql.timeout-seconds") * 1000, maxRows);
    return new SqlApi(runner, auth, json, maxRows, Math.max(1, s.longValue("collect.retry-after-seconds")));
  }

  public void register(RoutesConfig routes) {
    routes.post(PATH, this::query);
  }

  private void query(Context ctx) throws IOException {
    auth.require(ctx, Role.ADMIN);
    boolean csv;
    String sql;
    try {
      csv = wantsCsv(ctx);
      sql = sql(ctx);
    } catch (IllegalArgumentException e) {
      ctx.status(400).json(error("bad_request", e.getMessage()));
      return;
    }
    if (!oneAtATime.tryAcquire()) {
      ctx.status(429).header("Retry-After", Long.toString(retryAfterSeconds))
          .json(error("busy", "another query is running; this node answers one at a time"));
      return;
    }
    QueryResult result;
    try {
      result = runner.run(sql);
    } catch (QueryRefusedException e) {
      ctx.status(400).json(error(e.code(), e.getMessage()));
      return;
    } finally {
      oneAtATime.release();
    }
    if (result.truncated()) {
      ctx.header("Marquee-Truncated", "true");
    }
    if (csv) {
      StringWriter text = new StringWriter();
      try (PrintWriter out = new PrintWriter(text)) {
        Csv.write(result.columns(), result.rows(), out);
      }
      ctx.contentType("text/csv; charset=utf-8").result(text.toString());
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("columns", result.columns());
    out.put("rows", result.rows());
    out.put("row_count", result.rows().size());
    out.put("truncated", result.truncated());
    if (result.truncated()) {
      out.put("row_limit", maxRows);
    }
    ctx.contentType("application/json").result(json.writeValueAsString(out));
  }

  private static boolean wantsCsv(Context ctx) {
    String format = ctx.queryParam("format");
    if (format != null) {
      return switch (format.toLowerCase(Locale.ROOT)) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw new IllegalArgumentException("format must be csv or json, not " + format);
      };
    }
    String accept = ctx.header("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
  }

  private String sql(Context ctx) {
    String body = ctx.body();
    String type = ctx.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return body;
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON; send {\"sql\": \"...\"} or the SQL as text/plain", e);
    }
    if (node == null || !node.path("sql").isTextual()) {
      throw new IllegalArgumentException("the JSON body needs a string field \"sql\"");
    }
    return node.get("sql").asText();
  }

  private static Map<String, String> error(String code, String message) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("error", message);
    out.put("code", code);
    return out;
  }
}
