/**
 * Synthetic streaming-platform data for demos and load tests: a catalog of films, series and music
 * tracks, and per-user Segment messages (identify, Video Spec playback, ratings) with taste
 * structure worth discovering. The entry point is {@link io.marquee.demo.PlatformGenerator}; the
 * package does no I/O.
 */
package io.marquee.demo;
