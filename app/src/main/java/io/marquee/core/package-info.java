/**
 * Domain types and the small contracts between Marquee's capabilities: {@link
 * io.marquee.core.EventSink} (messages into the pipeline), {@link io.marquee.core.Catalog}
 * (titles), {@link io.marquee.core.Title}, {@link io.marquee.core.EventRecord} (the log record
 * format every reader of the log decodes; {@code java.*} only) and {@link
 * io.marquee.core.BatchResult}, whose {@link io.marquee.core.Rejection}s carry a {@link
 * io.marquee.core.Reason}: a message and a stable {@link io.marquee.core.RejectionCode}, the one
 * vocabulary of refusals for responses, metrics and docs. Depends on nothing of ours; of libraries,
 * only Jackson's tree model (messages are {@code ObjectNode}s).
 */
package io.marquee.core;
