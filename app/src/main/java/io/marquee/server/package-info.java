/**
 * Running Marquee: {@link io.marquee.server.Marquee} (one node on a data dir: lock, log, store,
 * recovery) and {@link io.marquee.server.HttpServer} (the HTTP endpoints, health, metrics, drain),
 * with {@code Transport} (connector, limits, HSTS, unreadable bodies) and
 * {@link io.marquee.server.PemTls} (HTTPS from PEM files, reloaded when they change).
 */
package io.marquee.server;
