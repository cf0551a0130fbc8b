/**
 * Collection over Segment's HTTP Tracking API: {@link io.marquee.collect.TrackingApi} (the
 * endpoints), {@link io.marquee.collect.Collector} (validation, normalization, durable append),
 * {@link io.marquee.collect.MessageIdIndex} (deduplication) and {@link io.marquee.collect.WriteKeys}.
 */
package io.marquee.collect;
