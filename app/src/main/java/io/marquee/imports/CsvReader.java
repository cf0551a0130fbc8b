package io.marquee.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A reader of comma-separated records (RFC 4180): fields may be quoted, a doubled quote inside
 * quotes is one quote, and commas and line breaks inside quotes are data. Lines may end in LF or
 * CRLF; a leading byte-order mark is dropped; blank lines are skipped.
 *
 * <p>A malformed record throws {@link BadRowException} and leaves the reader at the next line, so
 * the caller can report it and carry on. An unclosed quote swallows the rest of the input, so it
 * ends the reading. A line longer than {@link Lines#MAX_CHARS} is refused without being built whole.
 */
public final class CsvReader implements Closeable {
  private static final int MAX_RECORD_CHARS = Lines.MAX_CHARS;

  private final Lines in;
  private long physicalLine;
  private long recordLine;
  private boolean exhausted;

  public CsvReader(Reader in) {
    this.in = new Lines(in);
  }

  /** The line, from 1, on which the record last returned (or refused) started. */
  public long line() {
    return recordLine;
  }

  /** Returns the next record's fields, or null at the end of the input. */
  public List<String> next() throws IOException, BadRowException {
    if (exhausted) {
      return null;
    }
    String text;
    do {
      text = readLine();
      if (text == null) {
        exhausted = true;
        return null;
      }
    } while (text.isEmpty());
    recordLine = physicalLine;
    return parse(text);
  }

  private List<String> parse(String first) throws IOException, BadRowException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    String text = first;
    int i = 0;
    boolean quoted = false; // inside an open quote
    boolean closed = false; // just past a closing quote: only a comma or the end may follow
    int chars = 0;
    while (true) {
      if (i == text.length()) {
        if (!quoted) {
          fields.add(field.toString());
          return fields;
        }
        chars += text.length();
        text = readLine();
        if (text == null || chars > MAX_RECORD_CHARS) {
          exhausted = true;
          throw new BadRowException(
              "a quoted field is never closed (check for a stray '\"'); nothing after it was read");
        }
        field.append('\n');
        i = 0;
        continue;
      }
      char c = text.charAt(i++);
      if (quoted) {
        if (c != '"') {
          field.append(c);
        } else if (i < text.length() && text.charAt(i) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = false;
          closed = true;
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        closed = false;
      } else if (closed) {
        throw new BadRowException(
            "field " + (fields.size() + 1) + " has '" + c + "' after its closing quote");
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else {
        field.append(c);
      }
    }
  }

  private String readLine() throws IOException, BadRowException {
    String text;
    try {
      text = in.next();
    } catch (Lines.TooLongException e) {
      physicalLine++;
      recordLine = physicalLine;
      throw new BadRowException(e.getMessage());
    }
    if (text != null) {
      physicalLine++;
      if (physicalLine == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
    }
    return text;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
