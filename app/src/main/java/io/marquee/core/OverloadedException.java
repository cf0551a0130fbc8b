package io.marquee.core;

/** Thrown when the pipeline refuses a batch because it cannot keep up; nothing was accepted. */
public final class OverloadedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OverloadedException(String message) {
    super(message);
  }
}
