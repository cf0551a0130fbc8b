/**
 * Domain types and the small contracts between Marquee's capabilities: {@link
 * io.marquee.core.EventSink} (messages into the pipeline), {@link io.marquee.core.Catalog}
 * (titles), {@link io.marquee.core.Title}, {@link io.marquee.core.BatchResult} and {@link
 * io.marquee.core.EventRecord} (the log record format every reader of the log decodes). Depends on
 * {@code java.*} only.
 */
package io.marquee.core;
