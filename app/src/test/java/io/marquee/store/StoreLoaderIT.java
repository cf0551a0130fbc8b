package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's failure state and shutdown: it never wedges the node or loses what the log holds. */
class StoreLoaderIT {
  @TempDir Path dataDir;

  private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private static String track(String id) {
    return "{\"batch\":[{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u1\",\"messageId\":\"" + id + "\"}]}";
  }

  @Test
  void close_withALargeBacklog_returnsWithinSeconds_andTheNextOpenCatchesUpWithEveryEvent() throws Exception {
    ObjectMapper json = new ObjectMapper();
    int events = 60_000;
    long closeMillis;
    try (TestNode node = TestNode.start(dataDir)) {
      node.node.loader().pause(true);
      for (int b = 0; b < events / 1000; b++) {
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          ObjectNode m = json.createObjectNode().put("type", "track").put("event", "Clicked")
              .put("userId", "u" + (i % 50)).put("messageId", "m-" + b + "-" + i);
          batch.add(m);
        }
        node.node.sink(TestNode.WRITE_KEY).submit(batch);
      }
      assertThat(node.node.log().durablePosition() - node.node.loader().appliedPosition())
          .as("a backlog").isPositive();
      long t0 = System.nanoTime();
      node.close();
      closeMillis = (System.nanoTime() - t0) / 1_000_000;
    }
    assertThat(closeMillis).as("close does not wait for the store to catch up").isLessThan(5_000);
    try (TestNode again = TestNode.start(dataDir)) {
      assertThat(again.node.store().count("events")).isEqualTo(events);
    }
  }

  @Test
  void failingLoader_showsInHealthAndMetrics_whileEventsAreStillAccepted_andRecovers() throws Exception {
    try (TestNode node = TestNode.start(dataDir)) {
      Store store = node.node.store();
      store.writeLock().lock();
      try (Statement s = store.writer().createStatement()) {
        s.execute("ALTER TABLE events RENAME TO events_away");
      } finally {
        store.writeLock().unlock();
      }
      assertThat(node.post("/v1/batch", track("f1"), TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
      await(() -> node.node.loader().error() != null, Duration.ofSeconds(30), "the loader to fail");

      HttpResponse<String> health = node.get("/health");
      assertThat(health.statusCode()).as("events are still durably accepted").isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"degraded\"").contains("\"loader\":{\"state\":\"failed\"")
          .contains("cannot apply the log at position");
      assertThat(node.get("/metrics").body()).contains("marquee_store_loader_up 0");
      assertThat(node.post("/v1/batch", track("f2"), TestNode.WRITE_KEY).statusCode()).isEqualTo(200);

      store.writeLock().lock();
      try (Statement s = store.writer().createStatement()) {
        s.execute("ALTER TABLE events_away RENAME TO events");
      } finally {
        store.writeLock().unlock();
      }
      node.awaitStore();
      assertThat(node.node.loader().error()).isNull();
      assertThat(node.get("/metrics").body()).contains("marquee_store_loader_up 1");
      assertThat(node.get("/health").body()).startsWith("{\"status\":\"ok\"");
      assertThat(store.count("events")).isEqualTo(2);
    }
  }
}
