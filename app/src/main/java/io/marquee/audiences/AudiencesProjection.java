package io.marquee.audiences;

import io.marquee.store.Projection;
import io.marquee.store.ProjectionBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The audiences' own tables: {@code audiences} (id, name, rule, when created and last computed, in epoch ms),
 * {@code audience_members} (one row per audience and member) and {@code audience_history} (per
 * audience and UTC day {@code YYYY-MM-DD}: size at the last computation, members added and dropped that day). They are
 * not derived from the events, so the batch and the rebuild change nothing; an erasure deletes the
 * user's membership rows in the store's erasure transaction.
 */
final class AudiencesProjection implements Projection {
  @Override
  public String name() {
    return "audiences";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<String> schema() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS audiences(id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, rule VARCHAR NOT NULL, "
            + "created_ms BIGINT NOT NULL, computed_ms BIGINT)",
        "CREATE TABLE IF NOT EXISTS audience_members(audience_id VARCHAR NOT NULL, user_id VARCHAR NOT NULL)",
        "CREATE TABLE IF NOT EXISTS audience_history(audience_id VARCHAR NOT NULL, day VARCHAR NOT NULL, size BIGINT NOT NULL, "
            + "adds BIGINT NOT NULL, drops BIGINT NOT NULL, PRIMARY KEY (audience_id, day))");
  }

  @Override
  public void apply(ProjectionBatch batch) {
    // nothing derives from the events: audiences are computed by Audiences
  }

  @Override
  public void rebuild(Connection c) {
    // the tables are not derived from the events; a rebuild keeps the saved audiences
  }

  @Override
  public void erase(Connection c, Collection<String> ids) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM audience_members WHERE user_id = ?")) {
      for (String id : ids) {
        p.setString(1, id);
        p.executeUpdate();
      }
    }
  }
}
