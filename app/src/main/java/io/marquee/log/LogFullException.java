package io.marquee.log;

/** Thrown when the log's write queue is full; the records were not taken. */
public final class LogFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LogFullException(String message) {
    super(message);
  }
}
