package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AudiencesApiTest {
  /** {@code n} members with these dimensions. */
  private static void add(List<Audiences.Member> out, int n, String bracket, String gender, String country) {
    for (int i = 0; i < n; i++) {
      out.add(new Audiences.Member("u" + out.size(), bracket, gender, country));
    }
  }

  @Test
  void composition_suppressesSmallCells_andTheSmallestOtherCellWhenOnlyOneIsSmall() {
    List<Audiences.Member> members = new ArrayList<>();
    add(members, 12, "25-34", "f", "FR");
    add(members, 11, "35-44", "m", "FR");
    add(members, 3, "65+", null, "DE");

    Map<String, Object> c = AudiencesApi.composition(members);

    // brackets 12, 11, 3: 3 is small, so the smallest other (11) goes too
    assertThat(c.get("age_bracket").toString()).isEqualTo(
        "[{value=25-34, users=12}, {value=35-44, users=<10}, {value=65+, users=<10}]");
    // genders f 12, m 11, unknown 3: the same rule
    assertThat(c.get("gender").toString()).isEqualTo(
        "[{value=f, users=12}, {value=m, users=<10}, {value=unknown, users=<10}]");
    // countries DE 3, FR 23: DE small, FR the only other cell
    assertThat(c.get("country").toString()).isEqualTo("[{value=DE, users=<10}, {value=FR, users=<10}]");
  }

  @Test
  void composition_ofAnAudienceUnderTen_suppressesEveryCell() {
    List<Audiences.Member> members = new ArrayList<>();
    add(members, 9, "25-34", "f", "FR");

    assertThat(AudiencesApi.composition(members).get("country").toString()).isEqualTo("[{value=FR, users=<10}]");
  }
}
