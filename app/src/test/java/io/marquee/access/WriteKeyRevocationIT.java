package io.marquee.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.audit.AuditLog;
import io.marquee.testing.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write-role API key that has been used stops working soon after it is revoked elsewhere. */
class WriteKeyRevocationIT {
  @TempDir Path dataDir;

  @Test
  void revokedWriteRoleKey_isRefusedWithinFiveSeconds_evenAfterItWasUsed() throws Exception {
    try (TestNode node = TestNode.start(dataDir)) {
      String key = node.node.apiKeys().create(Role.WRITE, "test");
      String id = key.substring(3, 15);
      String batch = "{\"batch\":[{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"messageId\":\"r1\"}]}";
      assertThat(node.post("/v1/batch", batch, key).statusCode()).isEqualTo(200);
      assertThat(node.post("/v1/batch", batch.replace("r1", "r2"), key).statusCode()).isEqualTo(200);

      // as `marquee keys revoke` does from another process: its own ApiKeys on the same data dir
      try (AuditLog audit = AuditLog.open(dataDir)) {
        assertThat(ApiKeys.open(dataDir, audit).revoke(id, "cli")).isTrue();
      }
      long revoked = System.nanoTime();
      int status = 200;
      while (System.nanoTime() - revoked < 5_000_000_000L) {
        status = node.post("/v1/batch", batch.replace("r1", "r3"), key).statusCode();
        if (status == 401) {
          break;
        }
        Thread.onSpinWait();
      }
      assertThat(status).as("refused within 5 s of the revocation").isEqualTo(401);
      assertThat(node.post("/v1/batch", batch.replace("r1", "r4"), TestNode.WRITE_KEY).statusCode())
          .isEqualTo(200);
    }
  }
}
