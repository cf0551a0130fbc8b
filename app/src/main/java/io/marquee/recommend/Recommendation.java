package io.marquee.recommend;

/**
 * One entry of a recommendation list: the item (index and asset id), its score from the model and
 * why it is there.
 */
public record Recommendation(int item, String assetId, float score, Explanation explanation) {}
