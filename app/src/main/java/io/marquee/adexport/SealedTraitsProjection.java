package io.marquee.adexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.privacy.PrivacyGuard;
import io.marquee.store.LoggedEvent;
import io.marquee.store.Projection;
import io.marquee.store.ProjectionBatch;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The exports' own table {@code sealed_traits(log_pos, user_id, observed_at, vault)}: one row per
 * identify event that carries sealed personal fields, holding only those fields' ciphertext as
 * {@code {"path": {"field": vault field name, "sealed": base64}}} (paths as {@link PersonalFields}
 * names them: {@code email}, {@code contact.email}). It holds exactly what {@code events} holds
 * (sealed, never plaintext), so an export reads its members' personal fields from this small table
 * instead of scanning {@code events} per batch.
 */
final class SealedTraitsProjection implements Projection {
  static final String TABLE = "sealed_traits";
  private static final String SELECT_SEALED = "SELECT log_pos, user_id, traits, timestamp FROM events "
      + "WHERE type = 'identify' AND user_id IS NOT NULL AND traits IS NOT NULL AND contains(traits::VARCHAR, '"
      + PrivacyGuard.VAULT_FIELD + "')";

  private final ObjectMapper json;

  SealedTraitsProjection(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public String name() {
    return "sealed_traits";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<String> schema() {
    return List.of("CREATE TABLE IF NOT EXISTS " + TABLE + "(log_pos BIGINT NOT NULL, user_id VARCHAR NOT NULL, "
        + "observed_at TIMESTAMP NOT NULL, vault JSON NOT NULL)");
  }

  @Override
  public void apply(ProjectionBatch batch) throws SQLException, IOException {
    DuckDBAppender a = null;
    try {
      for (LoggedEvent e : batch.events()) {
        if (!"identify".equals(e.type()) || e.userId() == null || e.traits() == null
            || !e.traits().contains(PrivacyGuard.VAULT_FIELD)) {
          continue;
        }
        ObjectNode sealed = sealed(e.traits());
        if (sealed.isEmpty()) {
          continue;
        }
        if (a == null) {
          a = batch.connection().createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE);
        }
        append(a, e.logPosition(), e.userId(), e.timestamp(), sealed);
      }
    } finally {
      if (a != null) {
        a.close();
      }
    }
  }

  @Override
  public void rebuild(Connection c) throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM " + TABLE);
    }
    DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(SELECT_SEALED + " ORDER BY log_pos");
        DuckDBAppender a = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
      while (r.next()) {
        ObjectNode sealed = sealed(r.getString(3));
        if (!sealed.isEmpty()) {
          append(a, r.getLong(1), r.getString(2), r.getTimestamp(4).toLocalDateTime().toInstant(ZoneOffset.UTC), sealed);
        }
      }
    }
  }

  @Override
  public void erase(Connection c, Collection<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + TABLE + " WHERE user_id IN ("
        + String.join(",", Collections.nCopies(ids.size(), "?")) + ")")) {
      int i = 1;
      for (String id : ids) {
        p.setString(i++, id);
      }
      p.executeUpdate();
    }
  }

  @Override
  public void discardFrom(Connection c, long position) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + TABLE + " WHERE log_pos >= ?")) {
      p.setLong(1, position);
      p.executeUpdate();
    }
  }

  private void append(DuckDBAppender a, long pos, String user, Instant at, ObjectNode sealed)
      throws SQLException, IOException {
    a.beginRow();
    a.append(pos);
    a.append(user);
    a.append(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    a.append(json.writeValueAsString(sealed));
    a.endRow();
  }

  /** The sealed fields of an identify event's traits, by path; empty when it has none. */
  ObjectNode sealed(String traits) throws IOException {
    ObjectNode out = json.createObjectNode();
    take(json.readTree(traits), "", out);
    return out;
  }

  /**
   * Copies every {@code _vault} field at or under {@code node} into {@code sealed} as {@code {path:
   * {"field": vault field name, "sealed": base64}}}, a later value replacing an earlier one.
   */
  private static void take(JsonNode node, String path, ObjectNode sealed) {
    if (node instanceof ObjectNode o) {
      JsonNode own = o.remove(PrivacyGuard.VAULT_FIELD);
      if (own instanceof ObjectNode v) {
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          sealed.putObject(path + e.getKey()).put("field", e.getKey()).set("sealed", e.getValue());
        }
      }
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        take(e.getValue(), path + e.getKey() + ".", sealed);
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode element : node) {
        take(element, path, sealed);
      }
    }
  }
}
