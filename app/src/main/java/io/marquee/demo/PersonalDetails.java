package io.marquee.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Made-up contact details for {@code demo --with-pii}, so that the vault, the exports and their
 * benchmark work on real fields: names as the user's country writes them (accents kept), an
 * address at {@code example.com} (reserved for examples, RFC 2606), a phone number in a range kept
 * for fiction where the country has one (US and Canada 555-0100..0199, the UK 07700 900000..900999,
 * France 01 99 00 00 00..01 99 99 99 99, Australia-style blocks are not needed here) and elsewhere a
 * well-formed national number of the country, written the way people type it, a birthday that makes
 * the profile's age true on the day of the identify, a street and a postal code.
 *
 * <p>Drawn from the user's own seed, apart from the rest of the simulation, so a demo with and
 * without personal data has the same events otherwise.
 */
final class PersonalDetails {
  private static final long SALT = 0x5eed_9e37_79b9_7f4aL;

  private static final String[] FIRST_F = {"Éloïse", "Hélène", "Zoë", "Ana", "Jürgen", "María", "Siobhán",
      "Aiko", "Priya", "Chloé", "Inês", "Mia", "Sofía", "Grace"};
  private static final String[] FIRST_M = {"François", "Jürgen", "Iñigo", "João", "Haruto", "Arjun", "Noah",
      "Liam", "Mateo", "Lukas", "Théo", "Oliver", "Rafael", "Kenji"};
  private static final String[] LAST = {"Lefèvre", "Müller", "Muñoz", "Conceição", "O'Brien", "Satō", "Sharma",
      "Smith", "García", "Weiß", "Dubois", "Nguyen", "Silva", "Kowalski", "de la Cruz", "Brown-Jones"};
  private static final String[] STREETS = {"Example Street", "Rue de l'Exemple", "Beispielweg", "Calle Ejemplo",
      "Rua Exemplo", "Sample Avenue"};

  private PersonalDetails() {}

  /** Adds {@code first_name}, {@code last_name}, {@code email}, {@code phone}, {@code birthday}, ... */
  static void addTo(ObjectNode traits, Profile user, long identifyAt) {
    SplittableRandom rng = new SplittableRandom(user.tasteSeed() ^ SALT);
    String[] firsts = user.gender() == Gender.FEMALE ? FIRST_F : FIRST_M;
    String first = firsts[rng.nextInt(firsts.length)];
    String last = LAST[rng.nextInt(LAST.length)];
    String firstOut = rng.nextInt(10) == 0 ? "  " + first.toUpperCase(Locale.ROOT) + " " : first;
    traits.put("first_name", firstOut);
    traits.put("last_name", last);
    traits.put("email", (rng.nextInt(8) == 0 ? " " : "") + ascii(first) + "." + ascii(last) + "."
        + user.index() + (rng.nextInt(5) == 0 ? "@Example.com" : "@example.com"));
    traits.put("phone", phone(user.country(), rng));
    traits.put("birthday", birthday(user.age(), identifyAt, rng).toString());
    traits.put("street", (1 + rng.nextInt(200)) + " " + STREETS[rng.nextInt(STREETS.length)]);
    traits.put("postal_code", postalCode(user.country(), rng));
  }

  /** A birthday such that the user is {@code age} on the day of {@code at}. */
  static LocalDate birthday(int age, long at, SplittableRandom rng) {
    LocalDate day = Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate latest = day.minusYears(age);             // turned {@code age} today at the latest
    return latest.minusDays(rng.nextInt(365));          // and at most 364 days before
  }

  private static String phone(Country country, SplittableRandom rng) {
    int n = rng.nextInt(100);
    return switch (country) {
      case US, CA -> rng.nextBoolean() ? String.format("(202) 555-01%02d", n) : String.format("+1 202-555-01%02d", n);
      case GB -> rng.nextBoolean() ? String.format("07700 900%03d", rng.nextInt(1000))
          : String.format("+44 7700 900%03d", rng.nextInt(1000));
      case FR -> String.format("01 99 %02d %02d %02d", rng.nextInt(100), rng.nextInt(100), n);
      case DE -> String.format("030 %08d", 10_000_000 + rng.nextInt(90_000_000));
      case ES -> String.format("+34 91 %03d %02d %02d", rng.nextInt(1000), rng.nextInt(100), n);
      case BR -> String.format("(11) 9%04d-%04d", rng.nextInt(10_000), rng.nextInt(10_000));
      case IN -> String.format("+91 98%03d %05d", rng.nextInt(1000), rng.nextInt(100_000));
      case JP -> String.format("03-%04d-%04d", rng.nextInt(10_000), rng.nextInt(10_000));
      case MX -> String.format("55 %04d %04d", rng.nextInt(10_000), rng.nextInt(10_000));
    };
  }

  private static String postalCode(Country country, SplittableRandom rng) {
    return switch (country) {
      case US -> rng.nextBoolean() ? String.format("%05d", rng.nextInt(100_000))
          : String.format("%05d-%04d", rng.nextInt(100_000), rng.nextInt(10_000));
      case GB -> "SW1A " + (1 + rng.nextInt(9)) + "AA";
      case CA -> "K1A 0B" + rng.nextInt(10);
      case JP -> String.format("%03d-%04d", rng.nextInt(1000), rng.nextInt(10_000));
      case BR -> String.format("%05d-%03d", rng.nextInt(100_000), rng.nextInt(1000));
      case IN -> String.format("%06d", 100_000 + rng.nextInt(900_000));
      default -> String.format("%05d", rng.nextInt(100_000));
    };
  }

  /** The name in lower-case ASCII for an e-mail local part: accents dropped, other signs removed. */
  private static String ascii(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(Locale.ROOT).replace("ß", "ss").replaceAll("[^a-z]", "");
  }
}
