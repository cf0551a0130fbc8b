package io.marquee.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir Path dataDir;
  private final TestClock clock = new TestClock();
  private AuditLog audit;
  private ApiKeys keys;

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2024-05-01T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void open() throws Exception {
    audit = AuditLog.open(dataDir);
    keys = ApiKeys.open(dataDir, audit, clock);
  }

  @AfterEach
  void close() throws Exception {
    audit.close();
  }

  @Test
  void create_thenAuthenticate_givesThePrincipal() throws Exception {
    String token = keys.create(Role.ANALYST, "cli");
    assertThat(token).matches("mq_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
    String id = token.substring(3, 15);
    assertThat(keys.authenticate(token)).hasValue(new Principal(id, Role.ANALYST));
    assertThat(keys.list()).containsExactly(
        new ApiKeyInfo(id, Role.ANALYST, Instant.parse("2024-05-01T12:00:00Z"), null));
  }

  @Test
  void wrongOrMalformedTokens_areRefused() throws Exception {
    String token = keys.create(Role.ADMIN, "cli");
    String wrongSecret = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertThat(keys.authenticate(wrongSecret)).isEmpty();
    assertThat(keys.authenticate("mq_000000000000_" + token.substring(16))).isEmpty();
    assertThat(keys.authenticate("")).isEmpty();
    assertThat(keys.authenticate(null)).isEmpty();
    assertThat(keys.authenticate("x".repeat(10_000))).isEmpty();
  }

  @Test
  void revoke_stopsAKey_andIsFalseTheSecondTime() throws Exception {
    String token = keys.create(Role.WRITE, "cli");
    String id = token.substring(3, 15);
    clock.now = clock.now.plusSeconds(60);
    assertThat(keys.revoke(id, "cli")).isTrue();
    assertThat(keys.authenticate(token)).isEmpty();
    assertThat(keys.revoke(id, "cli")).isFalse();
    assertThat(keys.revoke("nosuchkey000", "cli")).isFalse();
    assertThat(keys.list().get(0).revoked()).isEqualTo(Instant.parse("2024-05-01T12:01:00Z"));
  }

  @Test
  void theFile_holdsDigestsOnly_ownerReadable() throws Exception {
    String token = keys.create(Role.ADMIN, "cli");
    Path file = dataDir.resolve("api-keys.json");
    String content = Files.readString(file);
    assertThat(content).doesNotContain(token).doesNotContain(token.substring(16))
        .contains("\"format\" : \"marquee-api-keys/1\"").contains("\"role\" : \"admin\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void keysChangedByAnotherProcess_areSeenWithinASecond() throws Exception {
    assertThat(keys.list()).isEmpty();
    ApiKeys other = ApiKeys.open(dataDir, audit, clock);
    String token = other.create(Role.MARKETER, "cli");
    assertThat(keys.authenticate(token)).isEmpty();
    clock.now = clock.now.plusMillis(1000);
    assertThat(keys.authenticate(token)).map(Principal::role).hasValue(Role.MARKETER);
    other.revoke(token.substring(3, 15), "cli");
    clock.now = clock.now.plusMillis(1000);
    assertThat(keys.authenticate(token)).isEmpty();
  }

  @Test
  void everyChange_isAudited() throws Exception {
    String token = keys.create(Role.ADMIN, "cli");
    keys.revoke(token.substring(3, 15), "key:" + token.substring(3, 15));
    var v = AuditLog.verify(dataDir);
    assertThat(v.ok()).isTrue();
    assertThat(v.entries()).isEqualTo(2);
    String log = Files.readString(dataDir.resolve("audit/audit.log"));
    assertThat(log).contains("\"action\":\"key.create\"").contains("\"action\":\"key.revoke\"")
        .contains("\"keyId\":\"" + token.substring(3, 15) + "\"").doesNotContain(token);
  }
}
