package io.marquee.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marquee.audit.AuditLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks through which API keys are shared beyond a data dir (io.marquee.kafka.control). */
class SharedApiKeysTest {
  @TempDir Path dataDir;

  @Test
  void createAndRevoke_announceTheChangedEntry_withItsDigestNeverTheKey() throws Exception {
    try (AuditLog audit = AuditLog.open(dataDir)) {
      ApiKeys keys = ApiKeys.open(dataDir, audit);
      List<ApiKeyEntry> heard = new ArrayList<>();
      keys.onChange(heard::add);
      String token = keys.create(Role.ANALYST, "test");
      String id = token.substring(3, 15);
      assertThat(heard).hasSize(1);
      assertThat(heard.get(0).id()).isEqualTo(id);
      assertThat(heard.get(0).sha256()).isEqualTo(ApiKeys.sha256(token));
      assertThat(heard.get(0).revoked()).isNull();
      assertThat(heard.get(0).toString()).doesNotContain(token.substring(16));
      keys.revoke(id, "test");
      assertThat(heard).hasSize(2);
      assertThat(heard.get(1).revoked()).isNotNull();
      assertThat(keys.entries()).containsExactly(heard.get(1));
    }
  }

  @Test
  void aChangeByAnotherProcess_isAnnouncedOnReload() throws Exception {
    try (AuditLog audit = AuditLog.open(dataDir)) {
      ApiKeys server = ApiKeys.open(dataDir, audit);
      List<ApiKeyEntry> heard = new ArrayList<>();
      server.onChange(heard::add);
      String token = ApiKeys.open(dataDir, audit).create(Role.ADMIN, "cli");
      assertThat(heard).isEmpty();
      server.reload();
      assertThat(heard).extracting(ApiKeyEntry::id).containsExactly(token.substring(3, 15));
      server.reload();
      assertThat(heard).hasSize(1); // nothing changed the second time
    }
  }

  @Test
  void followingKeys_authenticateWhatIsApplied_andALaterRevocationSticks() throws Exception {
    String token;
    ApiKeyEntry stored;
    try (AuditLog audit = AuditLog.open(dataDir)) {
      ApiKeys owner = ApiKeys.open(dataDir, audit);
      token = owner.create(Role.WRITE, "test");
      stored = owner.entries().get(0);
    }
    ApiKeys follower = ApiKeys.following();
    assertThat(follower.authenticate(token)).isEmpty();
    follower.apply(stored);
    assertThat(follower.authenticate(token)).get().extracting(Principal::role).isEqualTo(Role.WRITE);
    assertThat(follower.authenticate(token + "x")).isEmpty();
    follower.apply(new ApiKeyEntry(stored.id(), stored.role(), stored.sha256(), stored.created(),
        Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(follower.authenticate(token)).isEmpty();
    assertThat(follower.list()).hasSize(1);
    assertThatThrownBy(() -> follower.create(Role.ADMIN, "x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("owning node");
    assertThatThrownBy(() -> follower.revoke(stored.id(), "x")).isInstanceOf(IllegalStateException.class);
  }
}
