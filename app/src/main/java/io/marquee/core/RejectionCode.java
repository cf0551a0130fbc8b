package io.marquee.core;

import java.util.Locale;

/**
 * The stable code of every reason the collection API refuses a message or a request: the same
 * string in the response ({@code "code"} next to {@code "error"}), in the metrics label
 * ({@code marquee_events_rejected_total{reason="card_data"}}) and in docs/api.md. The messages that
 * go with a code may be reworded; a code is never renamed.
 */
public enum RejectionCode {
  // one message of a batch, or the one message of a single endpoint
  CARD_DATA("a card number or CVV anywhere in the message: card data must arrive tokenized"),
  PERSONAL_DATA_WITHOUT_VAULT("personal data (or an e-mail address as userId, anonymousId or previousId) "
      + "sent to a server without a master key"),
  EMAIL_IN_CLEAR_FIELD("an e-mail address as event, messageId or groupId, or as a field name, which must "
      + "stay in the clear"),
  NOT_AN_OBJECT("the message, or its properties, traits, context or integrations, is not a JSON object"),
  MISSING_FIELD("a required field is missing: type, event (track), previousId (alias) or groupId (group)"),
  NO_USER("neither userId nor anonymousId is given"),
  BAD_MESSAGE_TYPE("type is not one of track, identify, page, screen, group, alias, or not its endpoint's"),
  NOT_A_STRING("an id, type, event or properties.session_id / asset_id / content_asset_id is not a string "
      + "(ids may be integers), or event is empty"),
  NOT_A_NUMBER("properties.position, total_length or rating is not a number"),
  BAD_TIMESTAMP("timestamp, originalTimestamp or sentAt (of a message or a batch) is not an ISO-8601 "
      + "date-time string"),
  TOO_LONG("an id is longer than 256 characters"),
  TOO_LARGE("a message over 32 KB (as sent or once normalized), or a body over its limit (500 KB for a "
      + "batch) before or after inflating"),
  TOO_DEEP("a message nests deeper than 32 levels, or a body deeper than 64"),
  TOO_MANY_VALUES("a message holds more than 5,000 values, or a body more than 300,000 JSON tokens"),
  DUPLICATE_KEY("the same key twice in one object"),
  NON_FINITE_NUMBER("a number that does not fit a double (1e400)"),
  INVALID_UNICODE("a string or key with an unpaired surrogate (an escaped \\ud800 alone), which is no text"),
  // a request as a whole
  BAD_JSON("the body is not valid JSON, or has data after its JSON object"),
  NOT_UTF8("the body is not valid UTF-8"),
  BAD_ENVELOPE("the body is not a JSON object, has no batch array, or its batch is not an array"),
  TOO_MANY_MESSAGES("more than collect.max-batch-messages messages in one batch"),
  UNSUPPORTED_ENCODING("a Content-Encoding other than gzip, x-gzip, deflate or identity"),
  BAD_ENCODING("the body is not valid gzip or deflate"),
  UNREADABLE_BODY("the body was cut short, did not match its Content-Length, or had a broken chunked "
      + "encoding"),
  TOO_SLOW("the body arrived slower than server.min-data-rate"),
  UNAUTHORIZED("no write key, or an unknown one"),
  UNAUTHENTICATED_LIMIT("too many bodies without a write key in the Authorization header are being read"),
  BODY_BUFFER_FULL("the bodies being read use up server.max-body-buffer-bytes"),
  OVERLOADED("the log cannot take the request now (its queue is full or the disk refused the write)"),
  SHUTTING_DOWN("the server is shutting down"),
  INTERNAL_ERROR("an unexpected error in the server; nothing was accepted");

  private final String code;
  private final String meaning;

  RejectionCode(String meaning) {
    this.code = name().toLowerCase(Locale.ROOT);
    this.meaning = meaning;
  }

  /** The code as clients, metrics and docs see it: {@code card_data}. */
  public String code() {
    return code;
  }

  /** What the code means, for docs/api.md. */
  public String meaning() {
    return meaning;
  }

  /** A reason with this code and the message a person reads. */
  public Reason because(String message) {
    return new Reason(this, message);
  }

  /** The code for {@code code} (as in {@link #code()}), or null when there is none. */
  public static RejectionCode of(String code) {
    for (RejectionCode c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return code;
  }
}
