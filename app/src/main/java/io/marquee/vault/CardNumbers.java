package io.marquee.vault;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Detection of raw payment card data in an event, which must be rejected unwritten with
 * {@link #REJECTION}: card numbers have to arrive tokenized by a payment processor.
 *
 * <p>The rule, chosen so that ids and timestamps pass:
 *
 * <ol>
 *   <li>A <b>CVV</b>: a field named {@code cvv}, {@code cvc}, {@code cvv2}, {@code cvc2},
 *       {@code csc}, {@code card_code}, {@code security_code} or {@code card_security_code}
 *       (case, {@code _} and {@code -} ignored) whose value is 3 or 4 digits (string or number).
 *   <li>Under a <b>card-like key</b> (its name contains {@code card}, or is {@code pan},
 *       {@code cc}, {@code ccnum}, {@code cc_number}, ...): any string or number that is 13 to 19
 *       digits once spaces and dashes are removed and passes Luhn.
 *   <li><b>Anywhere</b> (any value, array element or field name), a run of 13 to 19 digits that
 *       passes Luhn and starts like a card issuer (4, 5, 6; 30, 34-39; 2221-2720). A run is either
 *       bare digits or groups joined by one kind of separator (space or dash) whose first group has
 *       4 digits and whose other groups have 3 to 6, as cards are printed (4-4-4-4, 4-6-5, ...).
 *       A run right after a {@code +} is a phone number and is skipped. Epoch timestamps in
 *       milli-, micro- or nanoseconds start with 1 until 2033 (micro) or beyond and so pass, as do
 *       UUIDs (hex groups of 8-4-4-4-12) and 64-bit ids starting with 1, 7, 8 or 9.
 * </ol>
 *
 * <p>Every field name and scalar of every message is checked, on every endpoint and import: ids,
 * {@code event}, {@code integrations} and typed properties such as {@code position} included. A
 * number counts as its integral digits: {@code 4111111111111111}, {@code 4111111111111111.0} and
 * {@code 4.111111111111111e15} are the same card number; one with a fraction is not a card number.
 *
 * <p>About one random 13-19 digit number in 40 with an issuer-like first digit still passes Luhn;
 * a client that sends such ids as bare numbers should prefix them.
 */
public final class CardNumbers {
  /** The rejection message for an event that carries card data. */
  public static final String REJECTION = "card numbers must be tokenized";

  private static final Set<String> CVV_KEYS = Set.of("cvv", "cvc", "cvv2", "cvc2", "csc",
      "cardcode", "securitycode", "cardsecuritycode", "cardverificationcode", "cardverificationvalue");
  private static final Set<String> CARD_KEYS = Set.of("pan", "cc", "ccn", "ccno", "ccnum",
      "ccnumber", "primaryaccountnumber");
  private static final int PLAIN = 0;
  private static final int CARD = 1;
  private static final int CVV = 2;
  private static final int MAX_KINDS = 10_000;
  /** Field names repeat from event to event: their kind is worked out once. */
  private static final Map<String, Integer> KINDS = new ConcurrentHashMap<>();

  private CardNumbers() {}

  /** True if the tree holds a card number or a CVV anywhere, in keys or values. */
  public static boolean containsCardData(JsonNode node) {
    return node != null && scan(node, false);
  }

  /**
   * True if values under this field name are judged by rule 1 or 2 (a CVV or card-like key): the
   * streaming pre-filter sends any message with such a key to the exact check.
   */
  public static boolean isCardKey(String name) {
    return kindOf(name) != PLAIN;
  }

  /** True if free text holds a card number by rule 3 above. */
  public static boolean containsCardNumber(CharSequence text) {
    return Digits.scan(text);
  }

  private static boolean scan(JsonNode node, boolean cardKey) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        String name = f.getKey();
        if (Digits.scan(name)) {
          return true;
        }
        int kind = kindOf(name);
        if (kind == CVV && isCvv(f.getValue())) {
          return true;
        }
        if (scan(f.getValue(), kind != PLAIN)) {
          return true;
        }
      }
      return false;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (scan(element, cardKey)) {
          return true;
        }
      }
      return false;
    }
    if (node.isTextual()) {
      String s = node.textValue();
      return (cardKey && Digits.isCardNumberLoosely(s)) || Digits.scan(s);
    }
    if (node.isNumber()) {
      String digits = integralDigits(node);
      return digits != null && (cardKey ? Digits.isCardNumberLoosely(digits) : Digits.scan(digits));
    }
    return false;
  }

  /** The kind of a field name that holds no card number itself (so it may be cached). */
  private static int kindOf(String name) {
    Integer cached = KINDS.get(name);
    if (cached != null) {
      return cached;
    }
    String key = normalize(name);
    int kind = CVV_KEYS.contains(key) ? CVV
        : key.contains("card") || CARD_KEYS.contains(key) ? CARD : PLAIN;
    if (KINDS.size() < MAX_KINDS) {
      KINDS.put(name, kind);
    }
    return kind;
  }

  private static boolean isCvv(JsonNode value) {
    String s;
    if (value.isTextual()) {
      s = value.textValue().strip();
    } else if (value.isIntegralNumber()) {
      s = value.bigIntegerValue().abs().toString();
    } else {
      return false;
    }
    if (s.length() < 3 || s.length() > 4) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Digits.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The digits of an integral number (also a floating one with no fraction), else null. */
  private static String integralDigits(JsonNode n) {
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      long v = n.longValue();
      if (v > -1_000_000_000_000L && v < 1_000_000_000_000L) {
        return null; // fewer than 13 digits, the common case, without allocating
      }
      if (v != Long.MIN_VALUE) {
        return Long.toString(Math.abs(v));
      }
    }
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue().abs().toString();
    }
    if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
      return null; // Infinity and NaN have no digits (and are refused as numbers anyway)
    }
    BigDecimal d = n.decimalValue().abs();
    if (d.signum() == 0 || d.stripTrailingZeros().scale() > 0 || d.compareTo(BigDecimal.TEN.pow(20)) >= 0) {
      return null;
    }
    return d.toBigIntegerExact().toString();
  }

  /** Lower case, letters and digits only: {@code Card_Number} and {@code card-number} match. */
  static String normalize(String key) {
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        b.append((char) (c + 32));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
