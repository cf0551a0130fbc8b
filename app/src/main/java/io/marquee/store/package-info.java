/**
 * The embedded columnar store: {@link io.marquee.store.Store} (DuckDB tables events, titles,
 * partner_attributes and the projections' tables) and {@link io.marquee.store.StoreLoader}, which
 * applies the event log to it in micro-batches. What else is derived from the events is a {@link
 * io.marquee.store.Projection} the loader is given ({@link io.marquee.store.Projections#standard}:
 * views with their per-session states, consent_log, profiles), each seeing the batch as {@link
 * io.marquee.store.LoggedEvent}s inside the batch's transaction.
 */
package io.marquee.store;
