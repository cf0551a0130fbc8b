package io.marquee.query;

import java.io.PrintWriter;
import java.util.List;

/** RFC 4180 CSV with a header line, as {@code marquee sql} and {@code POST /v1/sql} write it. */
public final class Csv {
  private Csv() {}

  /** Writes the header and then each row; nulls are empty fields. */
  public static void write(List<String> columns, Iterable<? extends List<?>> rows, PrintWriter out) {
    out.println(line(columns));
    for (List<?> row : rows) {
      out.println(line(row));
    }
  }

  /** One CSV line (no line end) of the values, each as its string form. */
  public static String line(List<?> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      line.append(i > 0 ? "," : "").append(v == null ? "" : quote(v.toString()));
    }
    return line.toString();
  }

  /** The value as one CSV field: quoted when it holds a comma, quote or line break. */
  public static String quote(String v) {
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }
}
