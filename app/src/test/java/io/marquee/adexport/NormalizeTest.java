package io.marquee.adexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class NormalizeTest {
  private static String nfd(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD);
  }

  @Test
  void email_isTrimmedAndLowerCased() {
    assertThat(Normalize.email("  Alice.Martin@Example.COM \t")).isEqualTo("alice.martin@example.com");
    assertThat(Normalize.email("   ")).isNull();
    assertThat(Normalize.email(null)).isNull();
  }

  @Test
  void phones_inNationalAndInternationalNotations_becomeE164WithTheProfileCountryAsRegion() {
    assertThat(Normalize.phoneE164("06 12 34 56 78", "FR")).isEqualTo("+33612345678");
    assertThat(Normalize.phoneE164("+33 (0)6.12.34.56.78", "DE")).isEqualTo("+33612345678");
    assertThat(Normalize.phoneE164("0033 6 12 34 56 78", "FR")).isEqualTo("+33612345678");
    assertThat(Normalize.phoneE164("030 1234567", "de")).isEqualTo("+49301234567");
    assertThat(Normalize.phoneE164("+49 (30) 123-4567", null)).isEqualTo("+49301234567");
    assertThat(Normalize.phoneE164("(201) 555-0123", "US")).isEqualTo("+12015550123");
    assertThat(Normalize.phoneE164("1-201-555-0123", "US")).isEqualTo("+12015550123");
    assertThat(Normalize.phoneE164("07400 123456", "GB")).isEqualTo("+447400123456");
    assertThat(Normalize.phoneE164("+44 (0)7400 123 456", "FR")).isEqualTo("+447400123456");
    assertThat(Normalize.phoneE164("090-1234-5678", "JP")).isEqualTo("+819012345678");
    assertThat(Normalize.phoneE164("+81 90 1234 5678", "US")).isEqualTo("+819012345678");
  }

  @Test
  void phones_thatAreInvalidOrWithoutARegion_areMissing() {
    assertThat(Normalize.phoneE164("12345", "FR")).isNull();
    assertThat(Normalize.phoneE164("not a phone", "FR")).isNull();
    assertThat(Normalize.phoneE164("06 12 34 56 78", null)).isNull();
    assertThat(Normalize.phoneE164("06 12 34 56 78", "France")).isNull();
  }

  @Test
  void metaPhone_isTheE164DigitsWithoutPlusOrLeadingZero() {
    assertThat(Normalize.phoneDigits("06 12 34 56 78", "FR")).isEqualTo("33612345678");
    assertThat(Normalize.phoneDigits("0033 6 12 34 56 78", "FR")).isEqualTo("33612345678");
  }

  @Test
  void names_areTakenToNfc_soDecomposedAccentsHashLikePrecomposedOnes() {
    assertThat(Normalize.nameGoogle(nfd("  Élodie "))).isEqualTo("élodie");
    assertThat(Normalize.nameGoogle(nfd("Ñuño"))).isEqualTo("ñuño");
    assertThat(Normalize.sha256(Normalize.nameGoogle(nfd("José")))).isEqualTo(Normalize.sha256("josé"));
    assertThat(Normalize.nameGoogle("Martin-Dupont")).isEqualTo("martin-dupont");
  }

  @Test
  void metaNames_dropPunctuationAndSpaces_butKeepAccentsAndSharpS() {
    assertThat(Normalize.nameMeta(nfd("Martin-Dupont"))).isEqualTo("martindupont");
    assertThat(Normalize.nameMeta(nfd("O'Brien, Jr."))).isEqualTo("obrienjr");
    assertThat(Normalize.nameMeta(nfd("Weiß"))).isEqualTo("weiß");
    assertThat(Normalize.nameMeta(nfd("  Jean Luc "))).isEqualTo("jeanluc");
    assertThat(Normalize.nameMeta(nfd("Ñuño"))).isEqualTo("ñuño");
    assertThat(Normalize.nameMeta(" .-' ")).isNull();
  }

  @Test
  void gender_isMOrFOrMissing() {
    assertThat(Normalize.gender("Female")).isEqualTo("f");
    assertThat(Normalize.gender(" M ")).isEqualTo("m");
    assertThat(Normalize.gender("non-binary")).isNull();
  }

  @Test
  void birthYear_comesFromABirthdayOnly() {
    assertThat(Normalize.birthYear("1990-04-12")).isEqualTo("1990");
    assertThat(Normalize.birthYear("1990-04-12T00:00:00Z")).isEqualTo("1990");
    assertThat(Normalize.birthYear("34")).isNull();
    assertThat(Normalize.birthYear("12/04/1990")).isNull();
  }

  @Test
  void metaZip_dropsSpacesAndDashes_andKeepsFiveDigitsInTheUs() {
    assertThat(Normalize.zipMeta("SW1A 1AA", "GB")).isEqualTo("sw1a1aa");
    assertThat(Normalize.zipMeta("20500-0003", "US")).isEqualTo("20500");
    assertThat(Normalize.zipMeta("205", "US")).isNull();
    assertThat(Normalize.zipMeta("75 011", "FR")).isEqualTo("75011");
    assertThat(Normalize.zipGoogle(" 20500-0003 ")).isEqualTo("20500-0003");
  }

  @Test
  void country_isTwoLettersLowerCased() {
    assertThat(Normalize.country(" FR ")).isEqualTo("fr");
    assertThat(Normalize.country("FRA")).isNull();
  }

  @Test
  void sha256_isLowerCaseHexOfUtf8_andNullStaysNull() {
    assertThat(Normalize.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Normalize.sha256(null)).isNull();
  }
}
