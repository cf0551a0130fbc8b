package io.marquee.store;

import java.time.Instant;

/**
 * The fields of one Video Spec event that view sessionization needs.
 *
 * @param assetId the content (or ad) asset the event names, or null when it names none
 * @param position seconds into the content (or into the ad, for ad events), or null
 * @param logPosition where the event is in the event log
 */
record PlaybackEvent(
    long logPosition,
    String sessionId,
    String assetId,
    String userId,
    String anonymousId,
    String event,
    Instant timestamp,
    Double position,
    Double totalLength,
    String mediaType) {}
