/**
 * Collection over Segment's HTTP Tracking API, registered by {@link
 * io.marquee.collect.CollectCapability}: {@link io.marquee.collect.TrackingApi} (the
 * endpoints, reading bodies through {@code BodyReader}, {@code ContentCoding}, {@code Utf8} and the
 * strict envelope of {@code RequestBody}), {@link io.marquee.collect.Collector} (validation, normalization, durable append),
 * {@link io.marquee.collect.MessageIdIndex} (deduplication) and {@link io.marquee.collect.WriteKeys}.
 */
package io.marquee.collect;
