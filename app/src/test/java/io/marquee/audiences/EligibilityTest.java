package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.Suppressions;
import io.marquee.store.Store;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eligibility rule applied in the store: the estimate's counted cells, the members a rule selects
 * and an audience's current members all leave out, in SQL, the users who withdrew marketing consent
 * and the suppressed ids (one with its profile row still there, as after a crash between the
 * suppression and the store's erasure), on a hand-built set of 40 profiles.
 */
class EligibilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> BRACKETS = List.of("18-24", "25-34", "35-44", "45-54");
  private static final List<String> COUNTRIES = List.of("DE", "FR", "US");

  @TempDir Path dir;
  private Store store;
  private ConsentRegistry consent;
  private Suppressions suppressions;
  private Audiences audiences;
  private final List<String> ids = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    store = Store.open(dir.resolve("store"));
    store.write(c -> {
      try (Statement s = c.createStatement()) {
        // the columns of the profiles projection the rules and the composition read
        s.execute("CREATE TABLE profiles(user_id VARCHAR NOT NULL, age INTEGER, age_bracket VARCHAR, gender VARCHAR, "
            + "country VARCHAR, interests VARCHAR[], first_seen TIMESTAMP, last_seen TIMESTAMP, events BIGINT)");
        for (String ddl : new AudiencesProjection().schema()) {
          s.execute(ddl);
        }
      }
      // u00..u38, and one id with a quote, a backslash and a separator the binding must keep whole
      try (PreparedStatement p = c.prepareStatement("INSERT INTO profiles (user_id, age_bracket, gender, country, "
          + "first_seen, last_seen, events) VALUES (?, ?, ?, ?, TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-02', 1)")) {
        for (int i = 0; i < 40; i++) {
          String id = i == 39 ? "o'ne\\x\u0001\"" : String.format("u%02d", i);
          ids.add(id);
          p.setString(1, id);
          p.setString(2, BRACKETS.get(i % 4));
          p.setString(3, i % 2 == 0 ? "f" : "m");
          p.setString(4, i == 3 ? null : COUNTRIES.get(i % 3));
          p.executeUpdate();
        }
      }
      return null;
    });
    consent = new ConsentRegistry();
    suppressions = Suppressions.open(dir);
    audiences = new Audiences(store, JSON, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC),
        new Eligibility(consent, suppressions));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private Rule rule(String json) throws Exception {
    return audiences.compile(JSON.readTree(json), null);
  }

  private static long size(List<Audiences.Cell> cells) {
    return cells.stream().mapToLong(Audiences.Cell::users).sum();
  }

  /** The members' counts per (age bracket, gender, country), the way the test expects cells. */
  private static Map<List<String>, Long> byCell(List<Audiences.Cell> cells) {
    Map<List<String>, Long> out = new HashMap<>();
    cells.forEach(c -> out.merge(java.util.Arrays.asList(c.ageBracket(), c.gender(), c.country()), c.users(), Long::sum));
    return out;
  }

  private Map<List<String>, Long> expected(java.util.function.IntPredicate member) {
    Map<List<String>, Long> out = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      if (member.test(i)) {
        out.merge(java.util.Arrays.asList(BRACKETS.get(i % 4), i % 2 == 0 ? "f" : "m", i == 3 ? null : COUNTRIES.get(i % 3)),
            1L, Long::sum);
      }
    }
    return out;
  }

  private void withdraw(String user) throws Exception {
    consent.update(user, JSON.readTree("{\"marketing\":false}"));
  }

  @Test
  void withNoWithdrawalNorSuppression_theClauseIsEmpty_andEveryoneTheRuleSelectsCounts() throws Exception {
    consent.update("u02", JSON.readTree("{\"marketing\":true,\"analytics\":false}"));

    assertThat(new Eligibility(consent, suppressions).on("p.user_id").sql()).isEmpty();
    List<Audiences.Cell> cells = audiences.cells(rule("{\"gender\":\"f\"}"));
    // even i: 20 women, u00 .. u38; brackets by i % 4 are 18-24 and 35-44 only
    assertThat(size(cells)).isEqualTo(20);
    assertThat(byCell(cells)).isEqualTo(expected(i -> i % 2 == 0));
  }

  @Test
  void cells_leaveOutWithdrawnAndSuppressedUsers_asEvaluateDoes() throws Exception {
    withdraw("u00");
    withdraw("u05");
    withdraw("o'ne\\x\u0001\"");
    consent.update("u04", JSON.readTree("{\"marketing\":true}"));
    consent.update("u06", JSON.readTree("{\"analytics\":false}")); // another category: still a member
    suppressions.add("u08"); // the profile row is still there
    withdraw("nobody"); // an id without a profile changes nothing

    Rule everyone = rule("{\"or\":[{\"gender\":\"f\"},{\"gender\":\"m\"}]}");
    List<Audiences.Cell> cells = audiences.cells(everyone);

    // 40 profiles less u00, u05, u08 and the odd id (i = 39)
    assertThat(size(cells)).isEqualTo(36);
    assertThat(byCell(cells)).isEqualTo(expected(i -> i != 0 && i != 5 && i != 8 && i != 39));
    assertThat(audiences.evaluate(everyone)).extracting(Audiences.Member::userId).hasSize(36)
        .doesNotContain("u00", "u05", "u08", "o'ne\\x\u0001\"").contains("u04", "u06", "u07");
    // women in FR (i % 3 == 1, i even): 4, 10, 16, 22, 28, 34; none left out
    assertThat(size(audiences.cells(rule("{\"and\":[{\"gender\":\"f\"},{\"country\":\"FR\"}]}")))).isEqualTo(6);
  }

  @Test
  void current_leavesOutMembersWhoWithdrewOrWereSuppressedSinceTheComputation() throws Exception {
    String id = audiences.create("men", JSON.readTree("{\"gender\":\"m\"}")).id();
    assertThat(audiences.current(id)).hasSize(20);

    withdraw("u01");
    suppressions.add("u03");

    List<Audiences.Member> now = audiences.current(id);
    assertThat(now).extracting(Audiences.Member::userId).hasSize(18).doesNotContain("u01", "u03")
        .isSorted().contains("u05", "o'ne\\x\u0001\"");
    assertThat(audiences.members(id).orElseThrow().userIds()).hasSize(18);
    try (var c = store.readConnection(); var s = c.createStatement();
        var r = s.executeQuery("SELECT count(*) FROM audience_members WHERE audience_id = '" + id + "'")) {
      r.next();
      assertThat(r.getLong(1)).isEqualTo(20); // the rows stay until the next computation
    }
  }

  @Test
  void aRecomputation_leavesOutWhoMayNotBeAMember() throws Exception {
    withdraw("u01");
    suppressions.add("u03");
    String id = audiences.create("men", JSON.readTree("{\"gender\":\"m\"}")).id();

    assertThat(audiences.history(id)).extracting(Audiences.Day::size).containsExactly(18L);
  }
}
