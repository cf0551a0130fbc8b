package io.marquee.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of a CSV file: where each column is, found by name (trimmed, any case), and the
 * gate that data rows pass through: each row read is counted, and one that is malformed or has the
 * wrong number of fields is reported with its line and skipped.
 */
final class CsvHeader {
  private final String file;
  private final ReportBuilder report;
  private final int width;
  private final Map<String, Integer> columns = new HashMap<>();

  private CsvHeader(String file, ReportBuilder report, List<String> names) {
    this.file = file;
    this.report = report;
    this.width = names.size();
    for (int i = 0; i < names.size(); i++) {
      columns.putIfAbsent(key(names.get(i)), i);
    }
  }

  /**
   * Reads the header row.
   *
   * @throws IOException when the file is empty, the header is malformed or a required column is
   *     missing: nothing in the file can be imported then
   */
  static CsvHeader read(CsvReader in, String file, ReportBuilder report, String... required)
      throws IOException {
    List<String> names;
    try {
      names = in.next();
    } catch (BadRowException e) {
      throw new IOException(file + " line " + in.line() + ": bad header: " + e.getMessage(), e);
    }
    if (names == null) {
      throw new IOException(
          file + " is empty; expected a header row naming " + String.join(", ", required));
    }
    CsvHeader header = new CsvHeader(file, report, names);
    List<String> missing = new ArrayList<>();
    for (String name : required) {
      if (header.at(name) < 0) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          file + " line " + in.line() + ": header " + names + " lacks column "
              + String.join(", ", missing));
    }
    return header;
  }

  /** The position of a column, or -1 when the file has none by that name. */
  int at(String name) {
    return columns.getOrDefault(key(name), -1);
  }

  /** The named field of a row, or null when the file has no such column. */
  String get(List<String> row, String name) {
    int i = at(name);
    return i < 0 ? null : row.get(i);
  }

  /** The next well-formed data row, or null at the end; bad rows are reported and skipped. */
  List<String> next(CsvReader in) throws IOException {
    while (true) {
      List<String> row;
      try {
        row = in.next();
        if (row == null) {
          return null;
        }
        report.read();
        if (row.size() != width) {
          report.reject(where(in) + ": expected " + width + " fields, found " + row.size());
          continue;
        }
        return row;
      } catch (BadRowException e) {
        report.read();
        report.reject(where(in) + ": " + e.getMessage());
      }
    }
  }

  /** "file line n" for the row last read. */
  String where(CsvReader in) {
    return file + " line " + in.line();
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }
}
