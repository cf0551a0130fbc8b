package io.marquee.capability;

import io.marquee.core.EventSink;

/**
 * Where in-process producers (the consent API, imports, the demo) get an {@link EventSink} into
 * the node's collector, tagged with the source of a write key, so that capabilities write events
 * without depending on the collector's package.
 */
@FunctionalInterface
public interface Sinks {

  /** A blocking sink whose messages are recorded as coming from {@code writeKey}'s source. */
  EventSink forWriteKey(String writeKey);
}
