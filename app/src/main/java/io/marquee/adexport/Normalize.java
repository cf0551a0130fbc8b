package io.marquee.adexport;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalisation rules the ad platforms match on, one static method per field; each returns null
 * for a value that is missing or cannot be normalised (an empty cell, never the hash of "").
 * Text is taken to Unicode NFC first, so a name typed with combining accents (NFD) hashes as the
 * same name typed with precomposed ones.
 */
final class Normalize {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  /** Everything Meta calls punctuation in a name: anything not a letter, a combining mark or a digit. */
  private static final Pattern NOT_NAME = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");
  private static final Pattern ALPHA2 = Pattern.compile("[a-z]{2}");
  private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})-\\d{2}-\\d{2}.*");

  private Normalize() {}

  /** Trimmed, NFC, lower-cased; null when blank. */
  static String email(String raw) {
    String s = text(raw);
    return s == null || s.indexOf('@') < 0 ? null : s.toLowerCase(Locale.ROOT);
  }

  /**
   * The number in E.164 ({@code +33612345678}), parsed with libphonenumber with {@code country}
   * (alpha-2, any case, may be null) as the region of a number written without its country code;
   * null when it does not parse or is not a valid number.
   */
  static String phoneE164(String raw, String country) {
    String s = text(raw);
    if (s == null) {
      return null;
    }
    String region = country(country);
    try {
      PhoneNumber n = PHONES.parse(s, region == null ? "ZZ" : region.toUpperCase(Locale.ROOT));
      return PHONES.isValidNumber(n) ? PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
    } catch (NumberParseException e) {
      return null;
    }
  }

  /** Meta's phone: the E.164 digits without the {@code +} (country code first, so no leading zero). */
  static String phoneDigits(String raw, String country) {
    String e164 = phoneE164(raw, country);
    return e164 == null ? null : e164.substring(1);
  }

  /** Google's name: trimmed, NFC, lower-cased. */
  static String nameGoogle(String raw) {
    String s = text(raw);
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  /** Meta's name: NFC, lower-cased, without punctuation or spaces; accented letters kept. */
  static String nameMeta(String raw) {
    String s = text(raw);
    if (s == null) {
      return null;
    }
    String out = NOT_NAME.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
    return out.isEmpty() ? null : out;
  }

  /** {@code m} or {@code f} from a gender trait ({@code male}, {@code F}, {@code woman}, ...), else null. */
  static String gender(String raw) {
    String s = text(raw);
    if (s == null) {
      return null;
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "m", "male", "man" -> "m";
      case "f", "female", "woman" -> "f";
      default -> null;
    };
  }

  /** The four-digit year of a birthday {@code YYYY-MM-DD} (optionally followed by a time), else null. */
  static String birthYear(String birthday) {
    String s = text(birthday);
    if (s == null) {
      return null;
    }
    java.util.regex.Matcher m = YEAR_FIRST.matcher(s);
    return m.matches() ? m.group(1) : null;
  }

  /** Google's zip: trimmed, as written. */
  static String zipGoogle(String raw) {
    return text(raw);
  }

  /** Meta's zip: lower-cased without spaces or dashes; in the US, the first five digits. */
  static String zipMeta(String raw, String country) {
    String s = text(raw);
    if (s == null) {
      return null;
    }
    String out = s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "");
    if ("us".equals(country(country))) {
      out = out.length() >= 5 && out.substring(0, 5).chars().allMatch(Character::isDigit) ? out.substring(0, 5) : null;
    }
    return out == null || out.isEmpty() ? null : out;
  }

  /** An ISO 3166 alpha-2 code in lower case, or null when {@code raw} is not two letters. */
  static String country(String raw) {
    String s = text(raw);
    if (s == null) {
      return null;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    return ALPHA2.matcher(lower).matches() ? lower : null;
  }

  /** The lower-case hex SHA-256 of the UTF-8 bytes, or null for null. */
  static String sha256(String normalised) {
    if (normalised == null) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(String raw) {
    if (raw == null) {
      return null;
    }
    String s = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    return s.isEmpty() ? null : s;
  }
}
