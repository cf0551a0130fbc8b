package io.marquee.imports;

/**
 * A row or line of input that cannot be imported; the message says why, without the file and line
 * (the caller adds them).
 */
public final class BadRowException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How much of a bad value an error quotes. */
  static final int QUOTED_CHARS = 64;

  BadRowException(String message) {
    super(message);
  }

  /**
   * A value quoted for an error message, cut to its first {@value #QUOTED_CHARS} characters (and its
   * length) so that a huge bad field does not make a huge report.
   */
  static String quote(String value) {
    if (value.length() <= QUOTED_CHARS) {
      return '"' + value + '"';
    }
    return String.format("\"%s...\" (%,d characters)", value.substring(0, QUOTED_CHARS), value.length());
  }
}
