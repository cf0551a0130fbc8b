package io.marquee.log;

/**
 * Thrown (or completing an append's future) when the log cannot take records now: its write queue is
 * full, it is closing, or the disk refused the write. Nothing of the request was written; the HTTP
 * layer answers 503 with Retry-After.
 */
public final class LogFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LogFullException(String message) {
    super(message);
  }

  LogFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
