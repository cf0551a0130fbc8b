package io.marquee.core;

/**
 * Why one message of a batch was not accepted.
 *
 * @param index position of the message in the batch, from 0
 * @param messageId the message's id when it had a readable one, else null
 * @param error a reason a person understands, naming the offending field
 * @param code the reason's stable code ({@link RejectionCode#code()}), for programs and metrics
 */
public record Rejection(int index, String messageId, String error, String code) {

  public Rejection {
    if (RejectionCode.of(code) == null) {
      throw new IllegalArgumentException("unknown rejection code '" + code + "'");
    }
  }

  /** The rejection of message {@code index} for {@code reason}. */
  public Rejection(int index, String messageId, Reason reason) {
    this(index, messageId, reason.message(), reason.code().code());
  }

  /** The reason as one value. */
  public Reason reason() {
    return new Reason(RejectionCode.of(code), error);
  }
}
