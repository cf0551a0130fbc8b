package io.marquee.core;

import java.io.PrintWriter;
import java.util.List;

/**
 * RFC 4180 CSV with a header line: the one CSV writer of the platform ({@code marquee sql}, {@code
 * POST /v1/sql}, {@code marquee export}, every report's {@code ?format=csv}).
 *
 * <p>Text cells are neutralised against spreadsheet formula injection (OWASP "CSV Injection"): a
 * text value that begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * is written with a leading apostrophe, which spreadsheets show as text and do not evaluate. Titles,
 * genres and traits come from clients, so any of them may be {@code =HYPERLINK(...)}. Numbers are
 * written as they are (a negative number stays a number).
 */
public final class Csv {
  private Csv() {}

  /** Writes the header and then each row; nulls are empty fields. */
  public static void write(List<String> columns, Iterable<? extends List<?>> rows, PrintWriter out) {
    out.println(line(columns));
    for (List<?> row : rows) {
      out.println(line(row));
    }
  }

  /** One CSV line (no line end) of the values: numbers and booleans as they are, the rest as text. */
  public static String line(List<?> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      line.append(i > 0 ? "," : "");
      if (v instanceof Number || v instanceof Boolean) {
        line.append(v);
      } else if (v != null) {
        line.append(quote(v.toString()));
      }
    }
    return line.toString();
  }

  /** A text value as one CSV field: neutralised when it could start a formula, quoted when needed. */
  public static String quote(String v) {
    String text = startsFormula(v) ? "'" + v : v;
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  /** Whether a spreadsheet would read {@code v} as the start of a formula. */
  static boolean startsFormula(String v) {
    if (v.isEmpty()) {
      return false;
    }
    char c = v.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }
}
