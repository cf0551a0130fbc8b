package io.marquee.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.TestNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that refuses writes (simulated by the log's write-fault seam, as ENOSPC would) must answer
 * 503 + Retry-After, show in /health and /metrics, lose nothing acknowledged, and heal by itself.
 */
class DiskFullIT {
  @TempDir Path dataDir;

  private static String batch(String... ids) {
    StringBuilder b = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < ids.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u1\",")
          .append("\"messageId\":\"").append(ids[i]).append("\"}");
    }
    return b.append("]}").toString();
  }

  @Test
  void fullDisk_answers503WithRetryAfter_reportsIt_andResumesByItself_losingNothingAcknowledged()
      throws Exception {
    Set<String> acked = new HashSet<>();
    try (TestNode node = TestNode.start(dataDir)) {
      assertThat(node.post("/v1/batch", batch("a1", "a2"), TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
      acked.add("a1");
      acked.add("a2");

      node.node.log().injectWriteFault(new IOException("No space left on device"));
      HttpResponse<String> refused = node.post("/v1/batch", batch("b1", "b2"), TestNode.WRITE_KEY);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(refused.body()).contains("No space left on device").contains("\"code\":\"overloaded\"");
      HttpResponse<String> single = node.post("/v1/track",
          "{\"event\":\"Clicked\",\"userId\":\"u1\",\"messageId\":\"c1\"}", TestNode.WRITE_KEY);
      assertThat(single.statusCode()).as(single.body()).isEqualTo(503);

      HttpResponse<String> health = node.get("/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("\"status\":\"disk_full\"").contains("\"disk\":{\"state\":\"full\"");
      assertThat(node.get("/metrics").body()).contains("marquee_log_writable 0")
          .contains("marquee_log_write_errors_total 2");

      node.node.log().injectWriteFault(null);
      HttpResponse<String> retried = node.post("/v1/batch", batch("b1", "b2"), TestNode.WRITE_KEY);
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
      acked.add("b1");
      acked.add("b2");
      assertThat(node.get("/health").statusCode()).isEqualTo(200);
      assertThat(node.get("/metrics").body()).contains("marquee_log_writable 1");
      node.awaitStore();
      assertThat(node.node.store().count("events")).isEqualTo(4);
    }
    try (TestNode again = TestNode.start(dataDir)) {
      Set<String> stored = new HashSet<>();
      try (Connection c = again.node.store().readConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT message_id FROM events")) {
        while (r.next()) {
          stored.add(r.getString(1));
        }
      }
      assertThat(stored).isEqualTo(acked);
    }
  }
}
