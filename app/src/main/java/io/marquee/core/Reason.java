package io.marquee.core;

import java.util.Objects;

/**
 * Why a message or a request is refused: its stable {@link RejectionCode} and a message a person
 * understands, naming the offending field.
 *
 * @param code what kind of problem it is (never null)
 * @param message what exactly is wrong (never null)
 */
public record Reason(RejectionCode code, String message) {

  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
