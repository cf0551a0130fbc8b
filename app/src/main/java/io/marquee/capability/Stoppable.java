package io.marquee.capability;

import java.time.Duration;

/**
 * Something a capability started for an HTTP server and that stops with it: first every one is
 * asked to {@link #drain} (new requests refused, those in flight finished), then the server stops,
 * then each is {@link #close}d, newest first.
 */
public interface Stoppable extends AutoCloseable {

  /**
   * Waits up to {@code timeout} until the requests this holds in flight are answered, refusing new
   * ones; false when some were still running. The default has nothing to wait for.
   */
  default boolean drain(Duration timeout) throws InterruptedException {
    return true;
  }

  /** Releases threads and resources; never throws a checked exception. */
  @Override
  void close();
}
