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
 *       {@code user}), and any name the string test below flags.
 *   <li>Strings: a digit run grouped as rule 3's card numbers are ({@link #cardShaped}), which
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
  private static final int MAX_CARD_DIGITS = 19;
  private static final int UUID_LENGTH = 36;
  /** Below every value with 13 integral digits, with room for rounding. */
  private static final double LARGE = 1e11;

  private Sensitive() {}

  static boolean key(String name) {
    Boolean cached = KEYS.get(name);
    if (cached != null) {
      return cached;
    }
    boolean sensitive = CardNumbers.isCardKey(name) || PersonalData.isPersonalKey(name)
        || text(name.toCharArray(), 0, name.length());
    if (KEYS.size() < MAX_CACHED) {
      KEYS.put(name, sensitive);
    }
    return sensitive;
  }

  /** A string value: a long digit run or an {@code @}. */
  static boolean text(char[] text, int offset, int length) {
    int digits = 0;
    for (int i = offset; i < offset + length; i++) {
      char c = text[i];
      if (c <= '@') {
        if (c == '@') {
          return true;
        }
        if (c >= '0' && c <= '9') {
          digits++;
        }
      }
    }
    // fewer than 13 digits in all is the exact rule's own first gate
    if (digits < CARD_DIGITS || isUuid(text, offset, length)) {
      return false;
    }
    if (length < UUID_LENGTH) {
      return cardShaped(text, offset, length);
    }
    // room for a UUID, which the exact rule blanks out first (joining what is around it): ask it
    return CardNumbers.containsCardNumber(java.nio.CharBuffer.wrap(text, offset, length));
  }

  /**
   * True when the text holds a digit run shaped as rule 3 of {@link CardNumbers} wants: a bare run
   * of 13 to 19 digits starting with 2 to 6 (every issuer prefix does) that passes Luhn, or a group
   * of 4 followed by groups of 3 to 6 joined by one kind of separator (space or dash), 13 or more
   * digits in all (issuer and Luhn not checked). The grouping is {@code Digits.scan}'s; leaving out
   * checks that only narrow it keeps this a superset.
   */
  static boolean cardShaped(char[] s, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      if (!isDigit(s[i])) {
        i++;
        continue;
      }
      char sep = 0;
      int j = i;
      int total = -1; // digits since an open 4-digit group, or -1 when none is open
      while (true) {
        int st = j;
        while (j < end && isDigit(s[j])) {
          j++;
        }
        int len = j - st;
        if (len >= CARD_DIGITS && len <= MAX_CARD_DIGITS && s[st] >= '2' && s[st] <= '6' && luhn(s, st, j)) {
          return true;
        }
        if (total >= 0 && len >= 3 && len <= 6) {
          total += len;
          if (total >= CARD_DIGITS) {
            return true;
          }
        } else {
          total = -1;
        }
        if (total < 0 && len == 4) {
          total = 4;
        }
        if (j + 1 < end && (s[j] == ' ' || s[j] == '-') && (sep == 0 || s[j] == sep) && isDigit(s[j + 1])) {
          sep = s[j];
          j++;
        } else {
          break;
        }
      }
      i = j;
    }
    return false;
  }

  /** Luhn's check over the digits {@code s[from, to)}. */
  private static boolean luhn(char[] s, int from, int to) {
    int sum = 0;
    boolean twice = false;
    for (int i = to - 1; i >= from; i--) {
      int d = s[i] - '0';
      if (twice) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * A whole string that is a UUID, which the card rule blanks out before looking for digit runs
   * (a digit-only stretch like {@code 4762-9038-6457-93} inside one is not a card number).
   */
  static boolean isUuid(char[] text, int offset, int length) {
    if (length != UUID_LENGTH) {
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
    return Math.abs(value) >= LARGE && Double.isFinite(value);
  }
}
