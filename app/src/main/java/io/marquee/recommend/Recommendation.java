package io.marquee.recommend;

/**
 * One entry of a recommendation list: the item (index and asset id), its display title and kind,
 * its score from the model and why it is there.
 *
 * @param title the catalog title, or the asset id when the catalog has none
 * @param kind {@code film}, {@code episode}, {@code series} or {@code track}; null when unknown
 */
public record Recommendation(int item, String assetId, String title, String kind, float score,
    Explanation explanation) {}
