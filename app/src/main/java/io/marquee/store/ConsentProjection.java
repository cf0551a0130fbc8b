package io.marquee.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.core.ConsentChoice;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The {@code consent_log} table: every consent choice (the consent API's {@code Consent Updated}
 * events and Segment's {@code context.consent.categoryPreferences}) as {@link ConsentChoice} reads
 * it, the small table current consent is reloaded from at start and its history served from.
 *
 * <p>Its rows outlive the raw events ({@code store.retention-days} prunes events, not choices), so a
 * {@link #rebuild} on a pruned store would lose history: its {@link #version} only changes with a
 * migration that keeps the existing rows.
 */
final class ConsentProjection implements Projection {
  private final ObjectMapper json;

  ConsentProjection(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public String name() {
    return "consent";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<String> schema() {
    return List.of(); // consent_log is in the store's first schema
  }

  @Override
  public void apply(ProjectionBatch batch) throws SQLException, IOException {
    DuckDBAppender a = null;
    try {
      for (LoggedEvent e : batch.events()) {
        a = append(batch.connection(), a, e.logPosition(), e.userId(), e.anonymousId(), e.event(),
            e.timestamp(), e.properties(), e.context());
      }
    } finally {
      if (a != null) {
        a.close();
      }
    }
  }

  /** Appends the event's choice, if it states one; returns the appender, opened on first use. */
  private DuckDBAppender append(DuckDBConnection c, DuckDBAppender open, long logPos, String userId,
      String anonymousId, String event, Instant timestamp, String properties, String context)
      throws SQLException, IOException {
    if (!ConsentChoice.mayState(event, context)) {
      return open;
    }
    ConsentChoice choice = ConsentChoice.of(userId, anonymousId, event,
        properties == null ? null : json.readTree(properties), context == null ? null : json.readTree(context));
    if (choice == null) {
      return open;
    }
    DuckDBAppender a = open != null ? open : c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "consent_log");
    a.beginRow();
    a.append(logPos);
    a.append(choice.subject());
    Appenders.appendNullable(a, timestamp);
    a.append(choice.source());
    a.append(json.writeValueAsString(choice.choices()));
    a.endRow();
    return a;
  }

  @Override
  public void rebuild(Connection c) throws SQLException, IOException {
    DuckDBConnection d = c.unwrap(DuckDBConnection.class);
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM consent_log");
    }
    DuckDBAppender a = null;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT log_pos, user_id, anonymous_id, event, timestamp, properties, context "
            + "FROM events WHERE event = '" + ConsentChoice.EVENT + "' OR context IS NOT NULL ORDER BY log_pos")) {
      while (r.next()) {
        Timestamp t = r.getTimestamp(5);
        a = append(d, a, r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
            t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC), r.getString(6), r.getString(7));
      }
    } finally {
      if (a != null) {
        a.close();
      }
    }
  }

  @Override
  public void erase(Connection c, Collection<String> ids) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM consent_log WHERE user_id = ?")) {
      for (String id : ids) {
        p.setString(1, id);
        p.executeUpdate();
      }
    }
  }

  @Override
  public void discardFrom(Connection c, long position) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM consent_log WHERE log_pos >= ?")) {
      p.setLong(1, position);
      p.executeUpdate();
    }
  }
}
