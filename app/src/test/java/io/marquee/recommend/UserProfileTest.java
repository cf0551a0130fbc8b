package io.marquee.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserProfileTest {

  private static String bracket(int age) {
    return new UserProfile(age, null, null, null).ageBracket();
  }

  @Test
  void ageBrackets_haveInclusiveBounds() {
    assertThat(bracket(-1)).isNull();
    assertThat(bracket(12)).isEqualTo("<13");
    assertThat(bracket(13)).isEqualTo("13-17");
    assertThat(bracket(17)).isEqualTo("13-17");
    assertThat(bracket(18)).isEqualTo("18-24");
    assertThat(bracket(24)).isEqualTo("18-24");
    assertThat(bracket(25)).isEqualTo("25-34");
    assertThat(bracket(34)).isEqualTo("25-34");
    assertThat(bracket(44)).isEqualTo("35-44");
    assertThat(bracket(54)).isEqualTo("45-54");
    assertThat(bracket(55)).isEqualTo("55-64");
    assertThat(bracket(64)).isEqualTo("55-64");
    assertThat(bracket(65)).isEqualTo("65+");
  }

  @Test
  void countryAndGender_areNormalised() {
    UserProfile p = new UserProfile(30, " Female", "fr", List.of("sci-fi"));
    assertThat(p.country()).isEqualTo("FR");
    assertThat(p.genderKey()).isEqualTo("f");
    assertThat(new UserProfile(30, " ", "", null).country()).isNull();
  }
}
