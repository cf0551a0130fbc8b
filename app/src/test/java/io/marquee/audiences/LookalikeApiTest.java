package io.marquee.audiences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.BadRequestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookalikeApiTest {
  private static void add(List<Audiences.Member> out, int n, String bracket, String gender, String country) {
    for (int i = 0; i < n; i++) {
      out.add(new Audiences.Member("u" + out.size(), bracket, gender, country));
    }
  }

  @Test
  void comparison_putsBothCompositionsSideBySide_eachColumnSuppressedOnItsOwn() {
    List<Audiences.Member> seed = new ArrayList<>();
    add(seed, 60, "25-34", "f", "FR");
    add(seed, 40, "35-44", "m", "DE");
    List<Audiences.Member> lookalike = new ArrayList<>();
    add(lookalike, 25, "25-34", "f", "FR");
    add(lookalike, 4, "65+", "m", "FR");

    Map<String, Object> c = LookalikeApi.comparison(AudiencesApi.composition(seed), AudiencesApi.composition(lookalike));

    // brackets: the union of both sides; 65+ is 0 in the seed, 35-44 is 0 in the lookalike (shown <10); the
    // lookalike's 4 is suppressed and its 25 with it (complementary), since 29 - 4 would give it back
    assertThat(c.get("age_bracket").toString()).isEqualTo("[{value=25-34, seed=60, lookalike=<10}, "
        + "{value=35-44, seed=40, lookalike=<10}, {value=65+, seed=<10, lookalike=<10}]");
    assertThat(c.get("country").toString()).isEqualTo("[{value=DE, seed=40, lookalike=<10}, {value=FR, seed=60, lookalike=29}]");
  }

  @Test
  void shareAndCountry_acceptTheirRange_andNameTheParameterOtherwise() {
    assertThat(LookalikeApi.share(null)).isEqualTo(0.01);
    assertThat(LookalikeApi.share(" 0.1 ")).isEqualTo(0.1);
    assertThat(LookalikeApi.share("0.01")).isEqualTo(0.01);
    for (String bad : List.of("0.0099", "0.11", "5%", "", "NaN")) {
      assertThatThrownBy(() -> LookalikeApi.share(bad)).as(bad).isInstanceOf(BadRequestResponse.class)
          .hasMessageStartingWith("share: must be a number from 0.01 to 0.1");
    }
    assertThat(LookalikeApi.country(" fr")).isEqualTo("FR");
    assertThatThrownBy(() -> LookalikeApi.country(null)).hasMessage("country: is required (ISO 3166 alpha-2, e.g. FR)");
    assertThatThrownBy(() -> LookalikeApi.country("FRA")).hasMessage("country: 'FRA' is not an ISO 3166 alpha-2 country code");
  }
}
