package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.core.EventRecord;
import io.marquee.log.DuplicateFilter;
import io.marquee.log.EventLog;
import io.marquee.log.LogSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the loader promises a {@link Projection}: its batch, its transaction, its rollback. */
class ProjectionContractTest {
  @TempDir Path dir;

  /** Records what it saw; fails its next batch while armed. */
  private static final class Probe implements Projection {
    final List<String> seen = new ArrayList<>();
    int rollbacks;
    int rebuilds;
    boolean armed;

    @Override
    public String name() {
      return "probe";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public List<String> schema() {
      return List.of("CREATE TABLE IF NOT EXISTS probe(message_id VARCHAR)");
    }

    @Override
    public void apply(ProjectionBatch batch) throws SQLException {
      for (LoggedEvent e : batch.events()) {
        seen.add(e.messageId() + ":" + e.type() + ":" + e.userId());
      }
      if (armed) {
        armed = false;
        throw new SQLException("probe fails this batch");
      }
    }

    @Override
    public void rebuild(Connection c) {
      rebuilds++;
    }

    @Override
    public void erase(Connection c, Collection<String> ids) {}

    @Override
    public void rolledBack() {
      rollbacks++;
    }
  }

  private static void append(EventLog log, String messageId) throws Exception {
    byte[] json = ("{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u1\",\"messageId\":\"" + messageId + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() * 1000;
    log.append(List.of(EventRecord.encode(now, now, EventRecord.NO_TIME, "src", messageId, "track", json, 0,
        json.length)), new long[] {0}).get();
  }

  @Test
  void aProjectionSeesEveryEvent_isBuiltOnceWhenNew_andAFailedBatchRollsBackEveryProjectionAndIsRetried()
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    Probe probe = new Probe();
    try (EventLog log = EventLog.open(dir.resolve("log"), LogSettings.defaults(), DuplicateFilter.NONE);
        Store store = Store.open(dir.resolve("store"))) {
      List<Projection> projections = new ArrayList<>(Projections.standard(json));
      projections.add(probe);
      StoreLoader loader = new StoreLoader(store, log, json, 1000, null, null, projections);
      loader.recover();
      assertThat(probe.rebuilds).as("a projection new to the store is built at start").isEqualTo(1);
      append(log, "m1");
      assertThat(loader.applyNext()).isTrue();
      assertThat(probe.seen).containsExactly("m1:track:u1");

      probe.armed = true;
      append(log, "m2");
      assertThatThrownBy(loader::applyNext).hasMessageContaining("probe fails");
      assertThat(probe.rollbacks).isEqualTo(1);
      assertThat(store.count("events")).as("nothing of the failed batch is visible").isEqualTo(1);
      assertThat(store.count("profiles")).isEqualTo(1);

      assertThat(loader.applyNext()).isTrue();
      assertThat(probe.seen).containsExactly("m1:track:u1", "m2:track:u1", "m2:track:u1");
      assertThat(store.count("events")).isEqualTo(2);
    }
    try (EventLog log = EventLog.open(dir.resolve("log"), LogSettings.defaults(), DuplicateFilter.NONE);
        Store store = Store.open(dir.resolve("store"))) {
      List<Projection> projections = new ArrayList<>(Projections.standard(json));
      projections.add(probe);
      new StoreLoader(store, log, json, 1000, null, null, projections).recover();
      assertThat(probe.rebuilds).as("recorded at its version: not rebuilt again").isEqualTo(1);
    }
  }
}
