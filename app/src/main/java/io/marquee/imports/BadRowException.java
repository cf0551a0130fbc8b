package io.marquee.imports;

/**
 * A row or line of input that cannot be imported; the message says why, without the file and line
 * (the caller adds them).
 */
public final class BadRowException extends Exception {
  private static final long serialVersionUID = 1L;

  BadRowException(String message) {
    super(message);
  }
}
