package io.marquee.vault;

/**
 * The character-level part of {@link CardNumbers}: finding digit runs that look like card numbers
 * in text without regular expressions or allocation per character.
 */
final class Digits {
  private static final int MIN = 13;
  private static final int MAX = 19;
  private static final int MAX_GROUPS = 32;

  private Digits() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Rule 3 of {@link CardNumbers}: a bare or card-grouped run of 13-19 issuer-like Luhn digits. */
  private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  static boolean scan(CharSequence text) {
    if (text.length() < MIN || countDigits(text) < MIN) {
      return false;
    }
    // UUIDs are hex groups joined by dashes; a digit-only stretch inside one (4762-9038-645793)
    // would otherwise read as a grouped card number
    CharSequence s = UUID.matcher(text).find() ? UUID.matcher(text).replaceAll(" ") : text;
    int n = s.length();
    int[] start = new int[MAX_GROUPS];
    int[] len = new int[MAX_GROUPS];
    int i = 0;
    while (i < n) {
      if (!isDigit(s.charAt(i))) {
        i++;
        continue;
      }
      boolean afterPlus = i > 0 && s.charAt(i - 1) == '+';
      int groups = 0;
      char sep = 0;
      int j = i;
      while (true) {
        int st = j;
        while (j < n && isDigit(s.charAt(j))) {
          j++;
        }
        if (groups < MAX_GROUPS) {
          start[groups] = st;
          len[groups] = j - st;
          groups++;
        }
        if (j + 1 < n && isSeparator(s.charAt(j)) && (sep == 0 || s.charAt(j) == sep)
            && isDigit(s.charAt(j + 1))) {
          sep = s.charAt(j);
          j++;
        } else {
          break;
        }
      }
      if (anyCard(s, start, len, groups, afterPlus ? 1 : 0)) {
        return true;
      }
      i = j;
    }
    return false;
  }

  /** Rule 2 of {@link CardNumbers}: 13-19 digits once spaces and dashes are gone, passing Luhn. */
  static boolean isCardNumberLoosely(String s) {
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        digits++;
      } else if (!isSeparator(c)) {
        return false;
      }
    }
    return digits >= MIN && digits <= MAX && luhn(s, 0, s.length());
  }

  private static boolean anyCard(CharSequence s, int[] start, int[] len, int groups, int first) {
    for (int a = first; a < groups; a++) {
      if (len[a] >= MIN && len[a] <= MAX && issuerLike(s, start[a])
          && luhn(s, start[a], start[a] + len[a])) {
        return true;
      }
      if (len[a] != 4 || !issuerLike(s, start[a])) {
        continue;
      }
      int total = 4;
      for (int b = a + 1; b < groups && len[b] >= 3 && len[b] <= 6; b++) {
        total += len[b];
        if (total > MAX) {
          break;
        }
        if (total >= MIN && luhn(s, start[a], start[b] + len[b])) {
          return true;
        }
      }
    }
    return false;
  }

  /** Starts like a payment card issuer: 4, 5, 6; 30, 34-39; 2221-2720. */
  static boolean issuerLike(CharSequence s, int at) {
    char c = s.charAt(at);
    if (c == '4' || c == '5' || c == '6') {
      return true;
    }
    if (c == '3') {
      char d = s.charAt(at + 1);
      return d == '0' || (d >= '4' && d <= '9');
    }
    if (c == '2') {
      int prefix = (s.charAt(at + 1) - '0') * 100 + (s.charAt(at + 2) - '0') * 10 + (s.charAt(at + 3) - '0');
      return prefix >= 221 && prefix <= 720;
    }
    return false;
  }

  /** Luhn's check over the digits in {@code [from, to)}, skipping anything else. */
  static boolean luhn(CharSequence s, int from, int to) {
    int sum = 0;
    boolean twice = false;
    for (int i = to - 1; i >= from; i--) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-';
  }

  private static int countDigits(CharSequence s) {
    int count = 0;
    for (int i = 0; i < s.length(); i++) {
      if (isDigit(s.charAt(i))) {
        count++;
      }
    }
    return count;
  }
}
