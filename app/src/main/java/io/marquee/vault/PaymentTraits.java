package io.marquee.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The payment trait reduced to what may be kept: a processor {@code token} (up to 255 characters),
 * the card {@code brand} (up to 32), {@code last4} (exactly four digits), {@code exp_month} (1-12)
 * and {@code exp_year} (four digits). Keys compare like other trait names ({@code expMonth} is
 * {@code exp_month}); anything else, or a value of the wrong shape, is dropped.
 */
final class PaymentTraits {
  private PaymentTraits() {}

  /** The reduced object, or null if nothing usable is left; adds what it drops to {@code dropped}. */
  static ObjectNode reduce(JsonNode payment, List<String> dropped) {
    if (!payment.isObject()) {
      dropped.add("payment");
      return null;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : payment.properties()) {
      JsonNode v = e.getValue();
      String key = CardNumbers.normalize(e.getKey());
      boolean kept = switch (key) {
        case "token" -> putText(out, "token", v, 255);
        case "brand" -> putText(out, "brand", v, 32);
        case "last4" -> putDigits(out, "last4", v, 4, 4, 0, 9999);
        case "expmonth" -> putNumber(out, "exp_month", v, 1, 12);
        case "expyear" -> putNumber(out, "exp_year", v, 1900, 2999);
        default -> false;
      };
      if (!kept) {
        dropped.add("payment." + e.getKey());
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static boolean putText(ObjectNode out, String name, JsonNode v, int maxLength) {
    if (!v.isTextual() || v.textValue().isBlank() || v.textValue().length() > maxLength
        || out.has(name)) {
      return false;
    }
    out.put(name, v.textValue());
    return true;
  }

  private static boolean putDigits(ObjectNode out, String name, JsonNode v, int minLen, int maxLen,
      int min, int max) {
    String s = v.isTextual() ? v.textValue().strip() : v.isIntegralNumber() ? v.asText() : null;
    if (s == null || s.length() < minLen || s.length() > maxLen || out.has(name)) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Digits.isDigit(s.charAt(i))) {
        return false;
      }
    }
    int n = Integer.parseInt(s);
    if (n < min || n > max) {
      return false;
    }
    out.put(name, s);
    return true;
  }

  private static boolean putNumber(ObjectNode out, String name, JsonNode v, int min, int max) {
    int n;
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      n = v.intValue();
    } else if (v.isTextual() && v.textValue().strip().matches("\\d{1,4}")) {
      n = Integer.parseInt(v.textValue().strip());
    } else {
      return false;
    }
    if (n < min || n > max || out.has(name)) {
      return false;
    }
    out.put(name, n);
    return true;
  }
}
