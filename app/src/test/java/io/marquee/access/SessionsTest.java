package io.marquee.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.access.ApiKeysTest.TestClock;
import io.marquee.audit.AuditLog;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session rules without a browser or a server: idle expiry on an injected clock, revocation, the Origin rule. */
class SessionsTest {
  @TempDir Path dataDir;
  private final TestClock clock = new TestClock();
  private AuditLog audit;
  private ApiKeys keys;
  private Sessions sessions;
  private Principal analyst;
  private String analystKey;

  @BeforeEach
  void open() throws Exception {
    audit = AuditLog.open(dataDir);
    keys = ApiKeys.open(dataDir, audit, clock);
    sessions = new Sessions(keys, clock);
    analystKey = keys.create(Role.ANALYST, "test");
    analyst = keys.authenticate(analystKey).orElseThrow();
  }

  @AfterEach
  void close() throws Exception {
    audit.close();
  }

  @Test
  void aSessionToken_is256RandomBits_andEachSignInGetsItsOwn() {
    String a = sessions.open(analyst);
    String b = sessions.open(analyst);
    assertThat(a).matches("[A-Za-z0-9_-]{43}");
    assertThat(a).isNotEqualTo(b);
    assertThat(sessions.use(a).orElseThrow().principal()).isEqualTo(analyst);
  }

  @Test
  void aSession_endsAfterEightIdleHours_butEachUseStartsTheIdleTimeAgain() {
    String token = sessions.open(analyst);
    clock.now = clock.now.plus(Duration.ofHours(7));
    assertThat(sessions.use(token)).as("7 h idle").isPresent();
    clock.now = clock.now.plus(Duration.ofHours(7));
    assertThat(sessions.use(token)).as("7 h after the last use, 14 h after sign-in").isPresent();
    clock.now = clock.now.plus(Duration.ofHours(8));
    assertThat(sessions.use(token)).as("8 h idle").isEmpty();
    clock.now = clock.now.minus(Duration.ofHours(8));
    assertThat(sessions.use(token)).as("ended for good, even if the clock went back").isEmpty();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void theIdleUntil_isEightHoursAfterTheLastUse() {
    String token = sessions.open(analyst);
    clock.now = clock.now.plusSeconds(60);
    assertThat(sessions.use(token).orElseThrow().idleUntil()).isEqualTo(clock.now.plus(Duration.ofHours(8)));
  }

  @Test
  void revokingTheKey_endsItsSessionsAtTheNextRequest() throws Exception {
    String token = sessions.open(analyst);
    String otherKey = keys.create(Role.ADMIN, "test");
    String other = sessions.open(keys.authenticate(otherKey).orElseThrow());
    assertThat(sessions.use(token)).isPresent();

    keys.revoke(analyst.id(), "test");

    assertThat(sessions.use(token)).isEmpty();
    assertThat(sessions.use(other)).as("another key's session goes on").isPresent();
  }

  @Test
  void signingOut_endsTheSession_andAnUnknownTokenIsNoSession() {
    String token = sessions.open(analyst);
    assertThat(sessions.close(token)).isTrue();
    assertThat(sessions.use(token)).isEmpty();
    assertThat(sessions.close(token)).isFalse();
    assertThat(sessions.use("not-a-session")).isEmpty();
    assertThat(sessions.use(null)).isEmpty();
    assertThat(sessions.use("x".repeat(5000))).isEmpty();
  }

  @Test
  void aFullTable_dropsTheLeastRecentlyUsedSession() {
    String oldest = sessions.open(analyst);
    clock.now = clock.now.plusSeconds(1);
    String second = sessions.open(analyst);
    clock.now = clock.now.plusSeconds(1);
    for (int i = 2; i < Sessions.MAX_SESSIONS; i++) {
      sessions.open(analyst);
    }
    clock.now = clock.now.plusSeconds(1);
    assertThat(sessions.use(oldest)).isPresent(); // now second is the least recently used
    sessions.open(analyst);
    assertThat(sessions.size()).isEqualTo(Sessions.MAX_SESSIONS);
    assertThat(sessions.use(oldest)).isPresent();
    assertThat(sessions.use(second)).isEmpty();
  }

  @Test
  void theOriginRule_letsReadsThrough_andWantsThisServersOriginOnEverythingElse() {
    for (String m : new String[] {"GET", "HEAD", "OPTIONS", "get"}) {
      assertThat(Sessions.originAllowed(m, null, "http", "127.0.0.1:8080")).as(m).isTrue();
    }
    for (String m : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
      assertThat(Sessions.originAllowed(m, "http://127.0.0.1:8080", "http", "127.0.0.1:8080")).as(m).isTrue();
      assertThat(Sessions.originAllowed(m, null, "http", "127.0.0.1:8080")).as(m + " without Origin").isFalse();
      assertThat(Sessions.originAllowed(m, "null", "http", "127.0.0.1:8080")).as(m + " opaque").isFalse();
      assertThat(Sessions.originAllowed(m, "http://evil.example", "http", "127.0.0.1:8080")).isFalse();
      assertThat(Sessions.originAllowed(m, "http://127.0.0.1:8081", "http", "127.0.0.1:8080")).as("port").isFalse();
      assertThat(Sessions.originAllowed(m, "http://127.0.0.1:8080", "https", "127.0.0.1:8080")).as("plain page, TLS server")
          .isFalse();
      assertThat(Sessions.originAllowed(m, "https://127.0.0.1:8080", "http", "127.0.0.1:8080")).as("behind a TLS proxy")
          .isTrue();
      assertThat(Sessions.originAllowed(m, "http://127.0.0.1:8080", "http", null)).as("no Host").isFalse();
    }
  }
}
