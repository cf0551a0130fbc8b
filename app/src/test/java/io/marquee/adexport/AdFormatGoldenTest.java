package io.marquee.adexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the Google and Meta files byte for byte ({@code src/test/resources/adexport/*.csv}) over
 * members that exercise each normalisation rule. To regenerate after an intended change, run with
 * {@code -Dadexport.golden.write=DIR} and review the diff.
 */
class AdFormatGoldenTest {
  private static String nfd(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD);
  }

  /** The members: one case a line, named by its user id. */
  static final List<Contact> MEMBERS = List.of(
      new Contact("u-fr-spaces-case", "  Alice.Martin@Example.COM ", "06 12 34 56 78", nfd("  Élodie "),
          nfd("Martin-Dupont"), "female", "1990-04-12", "75 011", "FR"),
      new Contact("u-fr-international", "bob@example.com", "+33 (0)6.12.34.56.79", "Bob", "Lefèvre", "M",
          "1985-11-30", "69001", "fr"),
      new Contact("u-de-sharp-s", "JUERGEN@EXAMPLE.DE", "030 1234567", nfd("Jürgen"), "Weiß", "male",
          "1979-02-01T00:00:00Z", "10115", "DE"),
      new Contact("u-de-e164", "k@example.de", "+49 (30) 123-4568", "Karl Heinz", "O'Neil", null, null, null, "DE"),
      new Contact("u-us-zip-plus-four", "carol@example.com", "(201) 555-0123", "Carol", "Smith", "F", "2001-07-04",
          "20500-0003", "US"),
      new Contact("u-us-leading-one", "dan@example.com", "1-201-555-0124", "Dan", "Brown", "m", "1995-01-01",
          "10001", "US"),
      new Contact("u-gb-mobile", "eve@example.co.uk", "07400 123456", "Eve", "Jones", "female", "1988-08-08",
          "SW1A 1AA", "GB"),
      new Contact("u-gb-international", "finn@example.co.uk", "+44 (0)7400 123 457", "Finn", "McLeod", null, null,
          "EC1A-1BB", "GB"),
      new Contact("u-jp-national", "hana@example.jp", "090-1234-5678", "花子", "山田", "female", "1992-03-03",
          "100-0001", "JP"),
      new Contact("u-jp-international", "ken@example.jp", "+81 90 1234 5679", "Ken", "Sato", "male", null,
          "150 0001", "JP"),
      new Contact("u-es-nfd-tilde", "nuno@example.es", null, nfd("Ñuño"), nfd("Peña"), "m", "1970-12-31", "28013",
          "ES"),
      new Contact("u-invalid-phone", "ivan@example.com", "12345", "Ivan", "Petrov", "m", "34", "101000", "RU"),
      new Contact("u-email-only", "only@example.com", null, null, null, null, null, null, null),
      new Contact("u-nothing", null, null, "  ", "", "unknown", null, "", "France"));

  static String render(AdFormat format, List<Contact> members) {
    StringBuilder out = new StringBuilder();
    if (format.header() != null) {
      out.append(format.header()).append('\n');
    }
    for (Contact c : members) {
      out.append(format.row(c)).append('\n');
    }
    return out.toString();
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = AdFormatGoldenTest.class.getResourceAsStream("/adexport/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void check(AdFormat format, String file) throws IOException {
    String actual = render(format, MEMBERS);
    String dir = System.getProperty("adexport.golden.write");
    if (dir != null) {
      Files.writeString(Path.of(dir, file), actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(golden(file));
  }

  @Test
  void googleCustomerMatch_matchesItsGoldenFileByteForByte() throws IOException {
    check(AdFormat.GOOGLE, "google.csv");
  }

  @Test
  void metaCustomAudiences_matchesItsGoldenFileByteForByte() throws IOException {
    check(AdFormat.META, "meta.csv");
  }

  @Test
  void userIds_matchesItsGoldenFileByteForByte() throws IOException {
    check(AdFormat.USER_IDS, "user-ids.txt");
  }

  @Test
  void aMissingField_isAnEmptyCell_neverTheHashOfAnEmptyString() {
    String emptyHash = Normalize.sha256("");
    for (AdFormat f : List.of(AdFormat.GOOGLE, AdFormat.META)) {
      assertThat(render(f, MEMBERS)).doesNotContain(emptyHash);
    }
    assertThat(AdFormat.META.row(MEMBERS.get(MEMBERS.size() - 1))).isEqualTo(",,,,,,,");
    assertThat(AdFormat.GOOGLE.row(MEMBERS.get(MEMBERS.size() - 1))).isEqualTo(",,,,,");
  }

  @Test
  void googleCountryAndZip_areInTheClear_andMetaHashesEveryCell() {
    assertThat(AdFormat.GOOGLE.row(MEMBERS.get(0))).endsWith(",FR,75 011");
    for (String cell : AdFormat.META.row(MEMBERS.get(0)).split(",", -1)) {
      assertThat(cell).matches("[0-9a-f]{64}");
    }
    assertThat(AdFormat.META.row(MEMBERS.get(0)).split(",")[7]).isEqualTo(Normalize.sha256("fr"));
  }
}
