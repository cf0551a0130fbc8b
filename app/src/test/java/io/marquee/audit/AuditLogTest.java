package io.marquee.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dataDir;
  private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  private Path log() {
    return dataDir.resolve("audit/audit.log");
  }

  private void appendFive() throws Exception {
    try (AuditLog audit = AuditLog.open(dataDir, clock)) {
      audit.append("key:aaaaaaaaaaaa", AuditAction.PII_READ, "user-1@example.com", Map.of("fields", "email"));
      audit.append("key:aaaaaaaaaaaa", AuditAction.EXPORT, null, Map.of("audience", "a1", "rows", "12"));
      audit.append("cli", AuditAction.KEY_CREATE, null, Map.of("keyId", "bbbbbbbbbbbb", "role", "admin"));
      audit.append("key:bbbbbbbbbbbb", AuditAction.ERASURE, "user-2", Map.of());
      audit.append("cli", AuditAction.KEY_REVOKE, null, Map.of("keyId", "aaaaaaaaaaaa"));
    }
  }

  private List<String> lines() throws Exception {
    return new ArrayList<>(Files.readAllLines(log()));
  }

  private void write(List<String> lines) throws Exception {
    Files.write(log(), lines);
  }

  @Test
  void appendedEntries_verify() throws Exception {
    appendFive();
    AuditVerification v = AuditLog.verify(dataDir);
    assertThat(v.ok()).as(v.reason()).isTrue();
    assertThat(v.entries()).isEqualTo(5);
    assertThat(lines().get(0)).startsWith("{\"seq\":1,\"time\":\"2024-05-01T12:00:00Z\",\"actor\":\"key:aaaaaaaaaaaa\","
        + "\"action\":\"pii.read\",\"subject\":\"").contains("\"prev\":\"" + AuditEntry.GENESIS + "\"");
    assertThat(Files.readString(dataDir.resolve("audit/head"))).isEqualTo("5 " + v.headHash() + "\n");
  }

  @Test
  void subjects_areKeyedHashes_neverUserIds() throws Exception {
    appendFive();
    assertThat(Files.readString(log())).doesNotContain("user-1").doesNotContain("example.com");
    try (AuditLog audit = AuditLog.open(dataDir, clock)) {
      String subject = audit.subjectOf("user-1@example.com");
      assertThat(subject).hasSize(32);
      assertThat(lines().get(0)).contains("\"subject\":\"" + subject + "\"");
    }
  }

  @Test
  void aChangedEntry_isDetected() throws Exception {
    appendFive();
    List<String> l = lines();
    l.set(2, l.get(2).replace("\"role\":\"admin\"", "\"role\":\"write\""));
    write(l);
    AuditVerification v = AuditLog.verify(dataDir);
    assertThat(v.ok()).isFalse();
    assertThat(v.brokenSeq()).isEqualTo(3);
    assertThat(v.reason()).contains("entry 3 was changed");
  }

  @Test
  void aChangedEntryWithItsHashRecomputed_breaksTheChainAfterIt() throws Exception {
    appendFive();
    List<String> l = lines();
    AuditEntry e = AuditEntry.parse(l.get(1));
    AuditEntry forged = AuditEntry.chained(e.seq(), e.time(), e.actor(), e.action(), e.subject(),
        Map.of("audience", "a1", "rows", "1"), e.prev());
    l.set(1, forged.toLine());
    write(l);
    AuditVerification v = AuditLog.verify(dataDir);
    assertThat(v.ok()).isFalse();
    assertThat(v.brokenSeq()).isEqualTo(3);
    assertThat(v.reason()).contains("does not chain");
  }

  @Test
  void aRemovedMiddleEntry_isDetected() throws Exception {
    appendFive();
    List<String> l = lines();
    l.remove(2);
    write(l);
    AuditVerification v = AuditLog.verify(dataDir);
    assertThat(v.ok()).isFalse();
    assertThat(v.brokenSeq()).isEqualTo(3);
    assertThat(v.reason()).contains("entry 3 removed");
  }

  @Test
  void reorderedEntries_areDetected() throws Exception {
    appendFive();
    List<String> l = lines();
    l.add(1, l.remove(3));
    write(l);
    AuditVerification v = AuditLog.verify(dataDir);
    assertThat(v.ok()).isFalse();
    assertThat(v.brokenSeq()).isEqualTo(2);
  }

  @Test
  void removedLastEntries_areDetectedThroughTheHead() throws Exception {
    appendFive();
    List<String> l = lines();
    write(l.subList(0, 3));
    AuditVerification v = AuditLog.verify(dataDir);
    assertThat(v.ok()).isFalse();
    assertThat(v.brokenSeq()).isEqualTo(4);
    assertThat(v.reason()).contains("ends at entry 3").contains("head records entry 5");
  }

  @Test
  void anEmptiedLog_isDetected() throws Exception {
    appendFive();
    write(List.of());
    assertThat(AuditLog.verify(dataDir).ok()).isFalse();
  }

  @Test
  void anAppendTornByACrash_isIgnoredByVerify_andCutByTheNextAppend() throws Exception {
    appendFive();
    Files.write(log(), "{\"seq\":6,\"ti".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    AuditVerification v = AuditLog.verify(dataDir);
    assertThat(v.ok()).isTrue();
    assertThat(v.reason()).contains("incomplete last line");
    try (AuditLog audit = AuditLog.open(dataDir, clock)) {
      assertThat(audit.append("cli", AuditAction.KEY_CREATE, null, Map.of()).seq()).isEqualTo(6);
    }
    assertThat(AuditLog.verify(dataDir)).extracting(AuditVerification::ok, AuditVerification::entries)
        .containsExactly(true, 6L);
  }

  @Test
  void twoWritersOnOneDataDir_keepOneChain() throws Exception {
    try (AuditLog a = AuditLog.open(dataDir, clock); AuditLog b = AuditLog.open(dataDir, clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          AuditLog w = t % 2 == 0 ? a : b;
          fs.add(pool.submit(() -> {
            for (int i = 0; i < 10; i++) {
              w.append("cli", AuditAction.EXPORT, null, Map.of("i", Integer.toString(i)));
            }
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    AuditVerification v = AuditLog.verify(dataDir);
    assertThat(v.ok()).as(v.reason()).isTrue();
    assertThat(v.entries()).isEqualTo(40);
  }

  @Test
  void noLogYet_verifiesAsEmpty() throws Exception {
    assertThat(AuditLog.verify(dataDir)).extracting(AuditVerification::ok, AuditVerification::entries)
        .containsExactly(true, 0L);
  }

  @Test
  void aDamagedLastEntry_stopsAppends() throws Exception {
    appendFive();
    List<String> l = lines();
    l.set(4, "not json");
    write(l);
    try (AuditLog audit = AuditLog.open(dataDir, clock)) {
      assertThatThrownBy(() -> audit.append("cli", AuditAction.EXPORT, null, Map.of()))
          .hasMessageContaining("audit verify");
    }
  }
}
