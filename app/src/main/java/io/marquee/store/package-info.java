/**
 * The embedded columnar store: {@link io.marquee.store.Store} (DuckDB tables events, titles, views)
 * and {@link io.marquee.store.StoreLoader}, which applies the event log to it in micro-batches and
 * keeps views current with the {@code ViewSessionizer}.
 */
package io.marquee.store;
