package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.insights.SmallCells;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForTitleTest {
  private static void add(List<Audiences.Member> out, int n, String bracket, String gender) {
    for (int i = 0; i < n; i++) {
      out.add(new Audiences.Member("u" + out.size(), bracket, gender, "FR"));
    }
  }

  @Test
  void reach_crossesAgeBracketAndGender_inValueOrder_suppressingSmallCellsAndTheirComplement() {
    List<Audiences.Member> members = new ArrayList<>();
    add(members, 11, "25-34", "m");
    add(members, 12, "25-34", "f");
    add(members, 3, "35-44", "f");
    add(members, 20, null, null);

    List<Map<String, Object>> reach = ForTitle.reach(members);

    // cells by value: (25-34,f) 12, (25-34,m) 11, (35-44,f) 3, (unknown,unknown) 20; 3 is hidden, and the
    // smallest other (11) with it, so the total gives neither back
    assertThat(reach).extracting(r -> r.get("age_bracket") + "/" + r.get("gender"))
        .containsExactly("25-34/f", "25-34/m", "35-44/f", "unknown/unknown");
    assertThat(reach).extracting(r -> r.get("users"))
        .containsExactly(12L, SmallCells.SUPPRESSED, SmallCells.SUPPRESSED, 20L);
  }

  @Test
  void reach_ofFewerThanTenMembers_hidesEveryCell() {
    List<Audiences.Member> members = new ArrayList<>();
    add(members, 5, "18-24", "f");
    add(members, 4, "18-24", "m");

    assertThat(ForTitle.reach(members)).extracting(r -> r.get("users"))
        .containsExactly(SmallCells.SUPPRESSED, SmallCells.SUPPRESSED);
  }
  @Test
  void rankOfNth_asksEligibilityOfAWindowOfTheBest_andGrowsItUntilItHoldsN() throws Exception {
    List<String> ranked = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "u" + i).toList();
    List<Long> asked = new ArrayList<>();
    java.util.function.IntPredicate everyFifth = i -> i % 5 == 0;
    ForTitle.Eligibility eligibility = top -> {
      asked.add(top);
      return java.util.stream.IntStream.range(0, (int) top).filter(everyFifth).mapToObj(i -> "u" + i)
          .collect(java.util.stream.Collectors.toSet());
    };

    // 150 eligible wanted: the window of 400 holds 80, so it grows to 400 * 1.2 * 150 / 80 = 900 (the 150th is u745)
    assertThat(ForTitle.rankOfNth(ranked, 150, eligibility)).isEqualTo(746);
    assertThat(asked).containsExactly(400L, 900L);
    asked.clear();
    // 10 wanted: the 10th eligible is u45, found in the first window (120)
    assertThat(ForTitle.rankOfNth(ranked, 10, eligibility)).isEqualTo(46);
    assertThat(asked).containsExactly(120L);
    asked.clear();
    // 300 wanted, only 200 eligible: everyone
    assertThat(ForTitle.rankOfNth(ranked, 300, eligibility)).isEqualTo(1000);
    assertThat(asked).containsExactly(700L, 1000L);
  }
}
