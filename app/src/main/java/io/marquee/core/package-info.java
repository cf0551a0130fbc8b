/**
 * Domain types and the small contracts between Marquee's capabilities: {@link
 * io.marquee.core.EventSink} (messages into the pipeline), {@link io.marquee.core.Catalog}
 * (titles), {@link io.marquee.core.Title} and {@link io.marquee.core.BatchResult}.
 */
package io.marquee.core;
