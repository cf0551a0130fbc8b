package io.marquee.store;

import java.time.Instant;

/**
 * One playback session's time with one asset: the row of the {@code views} table.
 *
 * @param watchSeconds seconds of content played, each second counted once
 * @param completed true on Video Content Completed or when 90% of total_length was watched
 */
record View(
    String viewId,
    String sessionId,
    String userId,
    String anonymousId,
    String assetId,
    String mediaType,
    Instant startedAt,
    Instant endedAt,
    double watchSeconds,
    double maxPosition,
    Double totalLength,
    boolean completed) {}
