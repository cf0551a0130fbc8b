package io.marquee.demo;

/**
 * What a session played that the user might rate: the asset (a film, a series or a track), how
 * much they liked it and what fraction of it they watched.
 */
record Played(String assetId, double liking, double watched) {}
