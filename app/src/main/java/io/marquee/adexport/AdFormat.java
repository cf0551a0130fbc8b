package io.marquee.adexport;

import io.marquee.core.Csv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The export formats: {@link #GOOGLE} (Customer Match), {@link #META} (Custom Audiences) and
 * {@link #USER_IDS} (one user id a line, for the platform's own use). Both ad formats are CSV with a
 * header and {@code \n} line ends; a missing or unparseable field is an empty cell.
 */
public enum AdFormat {
  /** {@code Email,Phone,First Name,Last Name,Country,Zip}: hashed except country and zip. */
  GOOGLE("google", true, "Email,Phone,First Name,Last Name,Country,Zip") {
    @Override
    String row(Contact c, Phones phones) {
      String country = Normalize.country(c.country());
      List<String> cells = new ArrayList<>(6);
      cells.add(Normalize.sha256(Normalize.email(c.email())));
      cells.add(Normalize.sha256(phones.e164(c.phone(), c.country())));
      cells.add(Normalize.sha256(Normalize.nameGoogle(c.firstName())));
      cells.add(Normalize.sha256(Normalize.nameGoogle(c.lastName())));
      cells.add(country == null ? null : country.toUpperCase(Locale.ROOT));
      cells.add(Normalize.zipGoogle(c.zip()));
      return Csv.line(cells);
    }
  },
  /** {@code EMAIL,PHONE,FN,LN,GEN,DOBY,ZIP,COUNTRY}: every cell SHA-256 hex. */
  META("meta", true, "EMAIL,PHONE,FN,LN,GEN,DOBY,ZIP,COUNTRY") {
    @Override
    String row(Contact c, Phones phones) {
      String e164 = phones.e164(c.phone(), c.country());
      return Csv.line(Arrays.asList(
          Normalize.sha256(Normalize.email(c.email())),
          Normalize.sha256(e164 == null ? null : e164.substring(1)),
          Normalize.sha256(Normalize.nameMeta(c.firstName())),
          Normalize.sha256(Normalize.nameMeta(c.lastName())),
          Normalize.sha256(Normalize.gender(c.gender())),
          Normalize.sha256(Normalize.birthYear(c.birthday())),
          Normalize.sha256(Normalize.zipMeta(c.zip(), c.country())),
          Normalize.sha256(Normalize.country(c.country()))));
    }
  },
  /** One user id a line, no header. */
  USER_IDS("user-ids", false, null) {
    @Override
    String row(Contact c, Phones phones) {
      return c.userId();
    }
  };

  private final String wireName;
  private final boolean adPlatform;
  private final String header;

  AdFormat(String wireName, boolean adPlatform, String header) {
    this.wireName = wireName;
    this.adPlatform = adPlatform;
    this.header = header;
  }

  /** The format's line for one member, without its line end. */
  String row(Contact c) {
    return row(c, new Phones());
  }

  /** The format's line for one member, without its line end, with the export's parsed phone numbers. */
  abstract String row(Contact c, Phones phones);

  /** The header line, or null for a format without one. */
  public String header() {
    return header;
  }

  /** Whether the file goes to an ad platform (adults with an explicit opt-in only). */
  public boolean adPlatform() {
    return adPlatform;
  }

  /** {@code google}, {@code meta} or {@code user-ids}. */
  public String wireName() {
    return wireName;
  }

  /** The format named {@code name}, or null. */
  public static AdFormat of(String name) {
    for (AdFormat f : values()) {
      if (f.wireName.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
