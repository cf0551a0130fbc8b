package io.marquee.adexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The export's phone cache and the loops that replaced the normaliser's regexes, against what they replace. */
class PhonesTest {
  @Test
  void aCachedNumberIsTheParsedOneAndTheRegionIsPartOfTheKey() {
    Phones phones = new Phones();

    assertThat(phones.e164("06 12 34 56 78", "fr")).isEqualTo("+33612345678");
    assertThat(phones.e164("06 12 34 56 78", "fr")).isEqualTo("+33612345678");
    assertThat(phones.e164("06 12 34 56 78", null)).isNull();
    assertThat(phones.e164("06 12 34 56 78", "FR")).isEqualTo("+33612345678");
    assertThat(phones.e164("not a phone", "fr")).isNull();
    assertThat(phones.e164("not a phone", "fr")).isNull();
    assertThat(phones.e164(null, "fr")).isNull();
  }

  @Test
  void theNameZipAndYearLoopsGiveWhatTheRegexesGave() {
    Pattern notName = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");
    for (String name : List.of("Jean-Pierre", "O'Brien", "Zoë  Ann", "Ｍａｒｉｅ", "x\u00b2 y\u2163", "李 小龍", "a\u0301b", "-!-")) {
      String expected = notName.matcher(name.toLowerCase(java.util.Locale.ROOT)).replaceAll("");
      assertThat(Normalize.nameMeta(name)).isEqualTo(expected.isEmpty() ? null : java.text.Normalizer.normalize(expected,
          java.text.Normalizer.Form.NFC));
    }
    assertThat(Normalize.zipMeta("SW1A\t1-AA", "gb")).isEqualTo("sw1a1aa");
    assertThat(Normalize.zipMeta("94105-1234", "us")).isEqualTo("94105");
    assertThat(Normalize.birthYear("1990-02-03T00:00:00Z")).isEqualTo("1990");
    assertThat(Normalize.birthYear("1990-2-03")).isNull();
    assertThat(Normalize.birthYear("1990-02-03\nx")).isNull();
    assertThat(Normalize.birthYear("199a-02-03")).isNull();
    assertThat(Normalize.country("Fr")).isEqualTo("fr");
    assertThat(Normalize.country("F1")).isNull();
    assertThat(Normalize.country("fra")).isNull();
  }
}
