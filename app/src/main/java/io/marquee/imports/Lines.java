package io.marquee.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader of text lines that never holds more than {@link #MAX_CHARS} of one: a longer line is
 * skipped as it is read, without being built, and reported as {@link TooLongException}; the next
 * call reads the line after it. Lines end in LF or CRLF; the terminator is not part of the line.
 */
final class Lines implements Closeable {
  /** The longest line any import reads (1 Mi characters; Segment's messages are 32 KB). */
  static final int MAX_CHARS = 1 << 20;

  /** A line longer than the limit, skipped; the message says which limit. */
  static final class TooLongException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLongException(long length, int max) {
      super(String.format("the line has %,d characters; the limit is %,d; it was skipped", length, max));
    }
  }

  private final Reader in;
  private final int max;
  private final char[] buffer = new char[8192];
  private int pos;
  private int end;
  private final StringBuilder line = new StringBuilder();

  Lines(Reader in) {
    this(in, MAX_CHARS);
  }

  Lines(Reader in, int max) {
    this.in = in;
    this.max = max;
  }

  /** The next line, or null at the end of the input. */
  String next() throws IOException, TooLongException {
    line.setLength(0);
    long length = 0;
    boolean any = false;
    char last = 0;
    while (true) {
      if (pos == end) {
        end = in.read(buffer, 0, buffer.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (!any) {
            return null;
          }
          return finish(length, last);
        }
      }
      any = true;
      int start = pos;
      while (pos < end && buffer[pos] != '\n') {
        pos++;
      }
      int n = pos - start;
      if (n > 0) {
        last = buffer[pos - 1];
      }
      if (length + n <= max + 1) { // one more than the limit, for a CR before the LF
        line.append(buffer, start, n);
      }
      length += n;
      if (pos < end) {
        pos++; // the LF
        return finish(length, last);
      }
    }
  }

  private String finish(long length, char last) throws TooLongException {
    int cr = length > 0 && last == '\r' ? 1 : 0;
    if (length - cr > max) {
      line.setLength(0);
      throw new TooLongException(length - cr, max);
    }
    line.setLength(line.length() - cr);
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
