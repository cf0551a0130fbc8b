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

/**
 * The normalisation rules the ad platforms match on, one static method per field; each returns null
 * for a value that is missing or cannot be normalised (an empty cell, never the hash of "").
 * Text is taken to Unicode NFC first, so a name typed with combining accents (NFD) hashes as the
 * same name typed with precomposed ones.
 */
final class Normalize {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  /** One SHA-256 digest per thread, reset by each {@code digest}: getting a new one per cell costs a provider look-up. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });
  private static final HexFormat HEX = HexFormat.of();

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
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      if (nameChar(cp)) {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.length() == 0 ? null : out.toString();
  }

  /** Whether Meta keeps the code point in a name: a letter, a mark or a number (Unicode categories L, M and N). */
  private static boolean nameChar(int cp) {
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
          Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
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
    boolean shape = s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-';
    for (int i = 0; shape && i < 10; i++) {
      shape = i == 4 || i == 7 || isAsciiDigit(s.charAt(i));
    }
    for (int i = 10; shape && i < s.length(); i++) {
      char ch = s.charAt(i); // the regex's "." stops at a line end
      shape = ch != '\n' && ch != '\r' && ch != '\u0085' && ch != '\u2028' && ch != '\u2029';
    }
    return shape ? s.substring(0, 4) : null;
  }

  private static boolean isAsciiDigit(char ch) {
    return ch >= '0' && ch <= '9';
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
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char ch = lower.charAt(i);
      if (ch != '-' && !isRegexSpace(ch)) {
        kept.append(ch);
      }
    }
    String out = kept.toString();
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
    return lower.length() == 2 && isAsciiLower(lower.charAt(0)) && isAsciiLower(lower.charAt(1)) ? lower : null;
  }

  private static boolean isAsciiLower(char ch) {
    return ch >= 'a' && ch <= 'z';
  }

  /** What {@code \\s} matches in a Java regex: space, tab, newline, vertical tab, form feed, carriage return. */
  private static boolean isRegexSpace(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\u000B' || ch == '\f' || ch == '\r';
  }

  /** The lower-case hex SHA-256 of the UTF-8 bytes, or null for null. */
  static String sha256(String normalised) {
    if (normalised == null) {
      return null;
    }
    return HEX.formatHex(SHA256.get().digest(normalised.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(String raw) {
    if (raw == null) {
      return null;
    }
    String s = (belowCombining(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC)).strip();
    return s.isEmpty() ? null : s;
  }

  /** Whether every char is below U+0300, the first combining mark: such text is already NFC. */
  private static boolean belowCombining(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) >= '\u0300') {
        return false;
      }
    }
    return true;
  }
}
