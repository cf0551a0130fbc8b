package io.marquee.store;

import java.time.Instant;

/**
 * One event as the loader applies it to the store, read-only: what a {@link Projection} sees of each
 * event of a batch. The JSON parts are the text the client sent ({@code _vault} fields sealed),
 * null when the message had none.
 */
public interface LoggedEvent {
  /** Where the event is in the event log; also its order among events with the same timestamp. */
  long logPosition();

  /** The Segment message type: {@code track}, {@code identify}, {@code alias}, {@code page}, ... */
  String type();

  String messageId();

  /** The track event's name, or null. */
  String event();

  String userId();

  String anonymousId();

  /** The previous id of an {@code alias} message, or null. */
  String previousId();

  /** {@code properties.session_id}, or null. */
  String sessionId();

  /** {@code properties.asset_id} (or the first content asset id), or null. */
  String assetId();

  String mediaType();

  /** {@code properties.position}: seconds into the content, or null. */
  Double position();

  /** {@code properties.total_length} in seconds, or null. */
  Double totalLength();

  /** The event time, corrected for clock skew. */
  Instant timestamp();

  /** The {@code properties} object as JSON text, or null. */
  String properties();

  /** The {@code traits} object as JSON text, or null. */
  String traits();

  /** The {@code context} object as JSON text, or null. */
  String context();
}
