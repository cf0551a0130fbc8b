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
}
