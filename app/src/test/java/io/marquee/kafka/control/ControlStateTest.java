package io.marquee.kafka.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.access.ApiKeyEntry;
import io.marquee.access.Role;
import io.marquee.kafka.control.ControlRecords.Kind;
import io.marquee.kafka.control.ControlRecords.Wrapped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlStateTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Everything a state passed on, in order. */
  private static final class Recorder implements ControlState.Target {
    final List<String> calls = new ArrayList<>();
    final Map<String, ApiKeyEntry> apiKeys = new HashMap<>();
    final Map<String, byte[]> dataKeys = new HashMap<>();

    @Override
    public void apiKey(ApiKeyEntry e) {
      apiKeys.put(e.id(), e);
      calls.add("api-key " + e.id() + (e.revoked() == null ? " active" : " revoked"));
    }

    @Override
    public void writeKey(String d) {
      calls.add("write-key " + d);
    }

    @Override
    public void suppressed(String d) {
      calls.add("suppressed " + d);
    }

    @Override
    public void consent(String user, String category, Boolean allowed) {
      calls.add("consent " + user + " " + category + " " + allowed);
    }

    @Override
    public void dataKey(String entry, Wrapped w) {
      dataKeys.put(entry, w.bytes());
      calls.add("data-key " + entry + " " + new String(w.bytes(), StandardCharsets.UTF_8));
    }

    @Override
    public void dataKeyGone(String entry) {
      dataKeys.remove(entry);
      calls.add("data-key-gone " + entry);
    }
  }

  private static byte[] dataKey(String entry) {
    return ControlRecords.key(Kind.DATA_KEY, entry);
  }

  private static byte[] wrapped(String text) {
    return ControlRecords.dataKey("m1", text.getBytes(StandardCharsets.UTF_8));
  }

  private static ApiKeyEntry key(String id, Instant revoked) {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) 7);
    return new ApiKeyEntry(id, Role.ANALYST, digest, T0, revoked);
  }

  @Test
  void apiKey_revokedByALaterRecord_isRevokedForTheReader() {
    Recorder r = new Recorder();
    ControlState s = new ControlState(r);
    s.apply(ControlRecords.key(Kind.API_KEY, "a1"), ControlRecords.apiKey(key("a1", null)));
    s.apply(ControlRecords.key(Kind.API_KEY, "a1"), ControlRecords.apiKey(key("a1", T0.plusSeconds(5))));
    assertThat(r.apiKeys.get("a1").revoked()).isEqualTo(T0.plusSeconds(5));
    assertThat(r.apiKeys.get("a1").sha256()).isEqualTo(key("a1", null).sha256());
    assertThat(r.calls).containsExactly("api-key a1 active", "api-key a1 revoked");
  }

  @Test
  void dataKey_fromTwoWriters_theFirstRecordWinsForEveryReader() {
    List<byte[][]> topic = List.of(
        new byte[][] {dataKey("e1"), wrapped("first")},
        new byte[][] {dataKey("e1"), wrapped("second")});
    for (int reader = 0; reader < 2; reader++) {
      Recorder r = new Recorder();
      ControlState s = new ControlState(r);
      topic.forEach(rec -> s.apply(rec[0], rec[1]));
      assertThat(new String(s.winnerOf("e1").bytes(), StandardCharsets.UTF_8)).isEqualTo("first");
      assertThat(r.calls).containsExactly("data-key e1 first");
    }
  }

  @Test
  void dataKey_whoseLastRecordLost_isRepairedOnce_andNotAfterTheWinnerIsWrittenAgain() {
    ControlState s = new ControlState(new Recorder());
    s.apply(dataKey("e1"), wrapped("first"));
    s.apply(dataKey("e1"), wrapped("second"));
    s.apply(dataKey("e2"), wrapped("only"));
    Map<byte[], byte[]> repairs = s.takeRepairs();
    assertThat(repairs).hasSize(1);
    Map.Entry<byte[], byte[]> repair = repairs.entrySet().iterator().next();
    assertThat(repair.getKey()).isEqualTo(dataKey("e1"));
    assertThat(repair.getValue()).isEqualTo(wrapped("first"));
    assertThat(s.takeRepairs()).isEmpty();

    s.apply(dataKey("e1"), wrapped("second")); // a loser again, then the repair arrives
    s.apply(repair.getKey(), repair.getValue());
    assertThat(s.takeRepairs()).isEmpty();
  }

  @Test
  void dataKey_tombstone_removesTheKey_andTheNextRecordIsAFreshFirst() {
    Recorder r = new Recorder();
    ControlState s = new ControlState(r);
    s.apply(dataKey("e1"), wrapped("old"));
    s.apply(dataKey("e1"), null);
    assertThat(s.winnerOf("e1")).isNull();
    s.apply(dataKey("e1"), wrapped("new"));
    assertThat(new String(s.winnerOf("e1").bytes(), StandardCharsets.UTF_8)).isEqualTo("new");
    assertThat(r.calls).containsExactly("data-key e1 old", "data-key-gone e1", "data-key e1 new");
    assertThat(s.dataKeys()).containsOnlyKeys("e1");
  }

  @Test
  void dataKey_tombstoneForAnEntryWithoutKey_changesNothing() {
    Recorder r = new Recorder();
    ControlState s = new ControlState(r);
    s.apply(dataKey("e9"), null);
    assertThat(r.calls).isEmpty();
  }

  @Test
  void suppression_staysAfterATombstone_andIsPassedOnOnce() {
    Recorder r = new Recorder();
    ControlState s = new ControlState(r);
    String d = "ab".repeat(32);
    s.apply(ControlRecords.key(Kind.SUPPRESSED, d), ControlRecords.present());
    s.apply(ControlRecords.key(Kind.SUPPRESSED, d), ControlRecords.present());
    s.apply(ControlRecords.key(Kind.SUPPRESSED, d), null);
    assertThat(s.suppressed()).containsExactly(d);
    assertThat(r.calls).containsExactly("suppressed " + d);
  }

  @Test
  void consent_isPerCategory_andATombstoneForgetsIt() {
    Recorder r = new Recorder();
    ControlState s = new ControlState(r);
    s.apply(ControlRecords.key(Kind.CONSENT, "u/1", "analytics"), ControlRecords.consent(false));
    s.apply(ControlRecords.key(Kind.CONSENT, "u/1", "marketing"), ControlRecords.consent(true));
    s.apply(ControlRecords.key(Kind.CONSENT, "u/1", "analytics"), null);
    assertThat(r.calls).containsExactly("consent u/1 analytics false", "consent u/1 marketing true",
        "consent u/1 analytics null");
  }

  @Test
  void saltAndVaultIndex_lastRecordWins() {
    ControlState s = new ControlState(new Recorder());
    assertThat(s.salt()).isNull();
    assertThat(s.vaultIndex()).isNull();
    s.apply(ControlRecords.key(Kind.SUPPRESSION_SALT), ControlRecords.salt(new byte[] {1, 2}));
    s.apply(ControlRecords.key(Kind.SUPPRESSION_SALT), ControlRecords.salt(new byte[] {3, 4}));
    s.apply(ControlRecords.key(Kind.VAULT_INDEX), ControlRecords.vaultIndex("m1", new byte[] {9}));
    assertThat(s.salt()).containsExactly(3, 4);
    assertThat(s.vaultIndex().masterId()).isEqualTo("m1");
    assertThat(s.vaultIndex().bytes()).containsExactly(9);
  }

  @Test
  void malformedOrUnknownRecords_areSkipped_andCounted() {
    Recorder r = new Recorder();
    ControlState s = new ControlState(r);
    s.apply("not json".getBytes(StandardCharsets.UTF_8), ControlRecords.present());
    s.apply("[\"from-a-later-version\",\"x\"]".getBytes(StandardCharsets.UTF_8), ControlRecords.present());
    s.apply(ControlRecords.key(Kind.API_KEY, "a1"), "{\"role\":\"nobody\"}".getBytes(StandardCharsets.UTF_8));
    s.apply("[\"data-key\"]".getBytes(StandardCharsets.UTF_8), wrapped("x"));
    assertThat(s.ignored()).isEqualTo(4);
    assertThat(r.calls).isEmpty();
  }

  @Test
  void retarget_sendsOnlyLaterRecordsToTheNewTarget() {
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    ControlState s = new ControlState(first);
    s.apply(ControlRecords.key(Kind.WRITE_KEY, "aa"), ControlRecords.present());
    s.retarget(second);
    s.apply(ControlRecords.key(Kind.WRITE_KEY, "bb"), ControlRecords.present());
    assertThat(first.calls).containsExactly("write-key aa");
    assertThat(second.calls).containsExactly("write-key bb");
  }
}
