/**
 * Bulk imports into Marquee. Entry points: {@link io.marquee.imports.MovieLensImporter}
 * (MovieLens ml-100k and ml-latest directories: ratings, users, titles), {@link
 * io.marquee.imports.CatalogCsvImporter} (catalog titles from a CSV file) and {@link
 * io.marquee.imports.SegmentNdjsonImporter} (Segment messages, one per line). Each returns an
 * {@link io.marquee.imports.ImportReport}. {@link io.marquee.imports.MovieLensData} is the one
 * reader of MovieLens files, shared with the offline evaluation ({@code io.marquee.recommend}
 * depends on this package, never the other way round).
 *
 * <p>Events go through {@link io.marquee.core.EventSink} in batches of 5,000, exactly as messages
 * posted to the HTTP API do, so re-importing is deduplicated by messageId. A malformed row is
 * reported with its file and line and skipped; the rest of the file is still imported.
 */
package io.marquee.imports;
