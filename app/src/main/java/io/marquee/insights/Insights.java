package io.marquee.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.marquee.access.Authorization;
import io.marquee.access.Role;
import io.marquee.core.Csv;
import io.marquee.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What every report shares: the store to read, the key check ({@code analyst} or above), the
 * clock, the range of a request, the freshness of the figures, and the answer as JSON or, with
 * {@code ?format=csv}, as CSV ({@link Csv}, formula cells neutralised).
 */
final class Insights {
  /** The role every report needs. */
  static final Role ROLE = Role.ANALYST;

  private final Store store;
  private final Authorization auth;
  private final ObjectMapper json;
  private final Clock clock;
  private final Supplier<Instant> lastApplied;
  private final LongSupplier pendingBytes;
  private final ReportViews views;
  private final java.util.function.Consumer<Runnable> erasures;

  Insights(Store store, Authorization auth, ObjectMapper json, Clock clock, Supplier<Instant> lastApplied,
      LongSupplier pendingBytes, ReportViews views, java.util.function.Consumer<Runnable> erasures) {
    this.store = store;
    this.auth = auth;
    this.json = json;
    this.clock = clock;
    this.lastApplied = lastApplied;
    this.pendingBytes = pendingBytes;
    this.views = views;
    this.erasures = erasures;
  }

  /** Runs {@code action} after every erasure (to forget figures kept in memory that count or name the user). */
  void onErasure(Runnable action) {
    erasures.accept(action);
  }

  Store store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  ObjectMapper json() {
    return json;
  }

  /** Checks the caller's key before any work; 401/403 otherwise. */
  void authorize(Context ctx) {
    auth.require(ctx, ROLE);
  }

  /** The request's range ({@link ReportRange#of}). */
  ReportRange range(Context ctx) {
    return ReportRange.of(ctx, clock);
  }

  /**
   * The parenthesised SELECT the reports read the views from (as {@code FROM ... v}): every row
   * of {@code views} with its {@code viewer}, laid out for the reports ({@link ReportViews}).
   */
  String views() {
    return views.from();
  }

  /** A connection for reading; the caller closes it. */
  Connection read() throws SQLException {
    return store.readConnection();
  }

  /**
   * How fresh the figures are: {@code as_of}, the time up to which every event the node had
   * logged is in them (now when the store has applied the whole log, else when its loader last
   * applied a batch); {@code pending_bytes}, the part of the log the store has not applied yet; and
   * {@code compacted_at}, when the reports' copy of the views was last remade ({@link ReportViews},
   * which only makes them faster: the figures include what changed since).
   */
  Map<String, Object> freshness() {
    long pending = Math.max(0, pendingBytes.getAsLong());
    Instant last = lastApplied.get();
    Instant asOf = pending == 0 || last == null ? clock.instant() : last;
    Instant copy = views.copiedAt();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("as_of", asOf.toString());
    out.put("pending_bytes", pending);
    out.put("compacted_at", copy == null ? null : copy.toString());
    return out;
  }

  /** Whether the request asks for CSV ({@code format=csv}); 400 for a format other than json or csv. */
  static boolean wantsCsv(Context ctx) {
    String format = ctx.queryParam("format");
    if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
      return false;
    }
    if (format.equalsIgnoreCase("csv")) {
      return true;
    }
    throw new BadRequestResponse("format: '" + format + "' is not json or csv");
  }

  /**
   * Answers {@code report} as JSON, or its list {@code rows} as CSV with these {@code columns} when
   * the request asks for CSV. Values that are lists or objects become their JSON text in a CSV cell.
   */
  void answer(Context ctx, Map<String, Object> report, List<String> columns, List<Map<String, Object>> rows)
      throws IOException {
    if (!wantsCsv(ctx)) {
      ctx.contentType("application/json").result(json.writeValueAsString(report));
      return;
    }
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      out.println(Csv.line(columns));
      for (Map<String, Object> row : rows) {
        List<Object> cells = new ArrayList<>(columns.size());
        for (String c : columns) {
          Object v = row.get(c);
          cells.add(v instanceof List || v instanceof Map ? json.writeValueAsString(v) : v);
        }
        out.println(Csv.line(cells));
      }
    }
    ctx.contentType("text/csv; charset=utf-8").result(text.toString());
  }
}
