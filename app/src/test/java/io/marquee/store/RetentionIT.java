package io.marquee.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw events past the retention are pruned; the views derived from them stay. */
class RetentionIT {
  @TempDir Path dataDir;

  @Test
  void eventsOlderThanTheRetention_arePruned_viewsKept() throws Exception {
    // a retention of 0 days makes every applied event "old" at the loader's first retention pass
    try (TestNode node = TestNode.start(dataDir, Settings.defaults().with("store.retention-days", 0))) {
      String batch = "{\"batch\":["
          + "{\"type\":\"track\",\"event\":\"Video Content Started\",\"userId\":\"u\",\"messageId\":\"r1\","
          + "\"timestamp\":\"2026-10-01T20:00:00Z\",\"properties\":{\"session_id\":\"s\",\"asset_id\":\"a\","
          + "\"position\":0,\"total_length\":100}},"
          + "{\"type\":\"track\",\"event\":\"Video Content Playing\",\"userId\":\"u\",\"messageId\":\"r2\","
          + "\"timestamp\":\"2026-10-01T20:01:00Z\",\"properties\":{\"session_id\":\"s\",\"asset_id\":\"a\","
          + "\"position\":60,\"total_length\":100}}]}";
      assertThat(node.post("/v1/batch", batch, TestNode.WRITE_KEY).statusCode()).isEqualTo(200);
      node.awaitStore();
      assertThat(node.node.store().count("events")).isZero();
      assertThat(node.node.store().count("views")).isEqualTo(1);
    }
  }
}
