/**
 * Running Marquee: {@link io.marquee.server.Marquee} (one node on a data dir: lock, log, store,
 * recovery, the services capabilities build on), {@link io.marquee.server.Capabilities} (the one
 * list of capabilities) and {@link io.marquee.server.HttpServer} (their routes, health, metrics,
 * drain),
 * with {@code Transport} (connector, limits, HSTS, unreadable bodies) and
 * {@link io.marquee.server.PemTls} (HTTPS from PEM files, reloaded when they change). Only the entry
 * points ({@code cli}, {@code bench}) import this package.
 */
package io.marquee.server;
