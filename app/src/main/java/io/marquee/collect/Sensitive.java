package io.marquee.collect;

import com.fasterxml.jackson.core.JsonParser;
import io.marquee.vault.CardNumbers;
import io.marquee.vault.PersonalData;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streaming path's pre-filter for card and personal data, applied by {@link TokenGuard} to every
 * field name and scalar of a message: a yes sends the message down the tree path, where the vault's
 * exact rules ({@link PersonalData}, {@link CardNumbers}) decide; a no is final, so each test here is
 * a superset of the exact rule it stands for.
 *
 * <ul>
 *   <li>Field names: every name {@link CardNumbers#isCardKey} or {@link PersonalData#isPersonalKey}
 *       accepts (card-like and CVV names; personal names and person-like parents such as
 *       {@code user}), and any name holding a run of 13 or more digits.
 *   <li>Strings: a run of 13 or more digits (single spaces or dashes allowed between them), which
 *       every card number of rule 3 has (a string that is one whole UUID excepted, as rule 3 blanks
 *       UUIDs out); and any {@code @}, which every e-mail address has.
 *   <li>Numbers: any integer or floating-point magnitude of 10^11 or more, which every number with
 *       13 integral digits has (floats with no fraction and exponent forms count as their digits).
 * </ul>
 */
final class Sensitive {
  private static final Map<String, Boolean> KEYS = new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 10_000;
  private static final int CARD_DIGITS = 13;
  /** Below every value with 13 integral digits, with room for rounding. */
  private static final double LARGE = 1e11;

  private Sensitive() {}

  static boolean key(String name) {
    Boolean cached = KEYS.get(name);
    if (cached != null) {
      return cached;
    }
    boolean sensitive = CardNumbers.isCardKey(name) || PersonalData.isPersonalKey(name)
        || hasDigitRun(name.toCharArray(), 0, name.length()) || name.indexOf('@') >= 0;
    if (KEYS.size() < MAX_CACHED) {
      KEYS.put(name, sensitive);
    }
    return sensitive;
  }

  /** A string value: a long digit run or an {@code @}. */
  static boolean text(char[] text, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (text[i] == '@') {
        return true;
      }
    }
    return length >= CARD_DIGITS && !isUuid(text, offset, length) && hasDigitRun(text, offset, length);
  }

  /**
   * A whole string that is a UUID, which the card rule blanks out before looking for digit runs
   * (a digit-only stretch like {@code 4762-9038-6457-93} inside one is not a card number).
   */
  static boolean isUuid(char[] text, int offset, int length) {
    if (length != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text[offset + i];
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** An integer token at the parser's current position. */
  static boolean integer(JsonParser p) throws IOException {
    return p.getNumberType() != JsonParser.NumberType.INT && Math.abs(p.getValueAsDouble()) >= LARGE;
  }

  /** A floating-point token's value. */
  static boolean floating(double value) {
    return Math.abs(value) >= LARGE;
  }

  /** True when the text holds 13+ digits in a run, single spaces or dashes allowed between them. */
  static boolean hasDigitRun(char[] text, int offset, int length) {
    int digits = 0;
    boolean lastWasDigit = false;
    for (int i = offset; i < offset + length; i++) {
      char c = text[i];
      if (c >= '0' && c <= '9') {
        if (++digits >= CARD_DIGITS) {
          return true;
        }
        lastWasDigit = true;
      } else if ((c == ' ' || c == '-') && lastWasDigit) {
        lastWasDigit = false;
      } else {
        digits = 0;
        lastWasDigit = false;
      }
    }
    return false;
  }
}
