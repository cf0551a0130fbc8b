/**
 * Running Marquee: {@link io.marquee.server.Marquee} (one node on a data dir: lock, log, store,
 * recovery) and {@link io.marquee.server.HttpServer} (the HTTP endpoints, health, metrics, drain).
 */
package io.marquee.server;
