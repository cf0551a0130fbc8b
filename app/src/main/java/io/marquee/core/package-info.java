/**
 * Domain types and the small contracts between Marquee's capabilities: {@link
 * io.marquee.core.EventSink} (messages into the pipeline), {@link io.marquee.core.Catalog}
 * (titles), {@link io.marquee.core.Title} and {@link io.marquee.core.BatchResult}, whose
 * {@link io.marquee.core.Rejection}s carry a {@link io.marquee.core.Reason}: a message and a stable
 * {@link io.marquee.core.RejectionCode}, the one vocabulary of refusals for responses, metrics and docs.
 */
package io.marquee.core;
