/**
 * The catalog over HTTP: what the platform knows about a title.
 *
 * <p>Entry point: {@link io.marquee.catalog.TitleApi} ({@code GET /v1/titles/{assetId}}). The
 * titles themselves are kept by {@code io.marquee.store.Store} (catalog imports and titles first
 * seen in events); {@link io.marquee.core.Title} is the domain type.
 */
package io.marquee.catalog;
