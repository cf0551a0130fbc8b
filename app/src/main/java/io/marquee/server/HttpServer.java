package io.marquee.server;

import io.javalin.Javalin;
import io.marquee.collect.Collector;
import io.marquee.access.Authorization;
import io.marquee.collect.TrackingApi;
import io.marquee.privacy.PrivacyApi;
import io.marquee.vault.Pseudonyms;
import io.marquee.recommend.ModelStore;
import io.marquee.recommend.RecommendationService;
import io.marquee.recommend.RecommendationsApi;
import io.marquee.recommend.StoreDataset;
import io.marquee.config.Settings;
import java.io.Closeable;
import java.sql.Connection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of a node: the Tracking API, {@code GET /health} (200 when ready, 503 while
 * draining), {@code GET /metrics}, {@code POST /v1/sql}, {@code GET /} and {@code GET
 * /v1/openapi.json}. Started only after the node has recovered, so an open port means
 * ready. {@link #close} drains: new requests get 503, those in flight finish, then Jetty stops.
 */
public final class HttpServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private final Javalin app;
  private final TrackingApi tracking;
  private final RecommendationService recommendations;
  private final Duration drain;
  private final PemTls tls;
  private volatile boolean ready = true;

  private HttpServer(Marquee node, String host, int port) {
    Settings s = node.settings();
    this.drain = Duration.ofSeconds(s.longValue("server.drain-seconds"));
    this.tls = tls(s);
    this.tracking = new TrackingApi(node.collector(), node.writeKeys(), node.json(), s);
    MetricsEndpoint metrics = new MetricsEndpoint(node);
    PrivacyApi privacy = new PrivacyApi(node.store(), node.vault(), node.suppressions(), node.audit(),
        new Authorization(node.apiKeys()), node.json(),
        () -> node.awaitStore(Duration.ofMinutes(5)), node.consent(), node.sink("consent-api"));
    this.recommendations = recommendations(node);
    privacy.onErasure(recommendations::retrainForgetting);
    node.loader().onPlayback(recommendations::played);
    RecommendationsApi recommend = new RecommendationsApi(
        recommendations, new Authorization(node.apiKeys()), id -> Pseudonyms.userId(node.vault(), id));
    io.marquee.query.SqlApi sql;
    try {
      sql = io.marquee.query.SqlApi.on(node.store(), new Authorization(node.apiKeys()), node.json(), s);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ApiDocs docs = new ApiDocs(node.json(), () -> !ready);
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.host = host;
      config.jetty.port = port;
      Transport.configure(config, s, host, port, tls);
      config.http.maxRequestSize = Math.max(s.longValue("collect.max-batch-bytes"), Collector.MAX_MESSAGE_BYTES) + 1;
      tracking.register(config.routes);
      privacy.register(config.routes);
      recommend.register(config.routes);
      new io.marquee.access.MasterKeyApi(node.vault(), node.audit(), new Authorization(node.apiKeys()), node.json())
          .register(config.routes);
      sql.register(config.routes);
      docs.register(config.routes);
      config.routes.get("/health", new Health(node, () -> !ready)::handle);
      config.routes.get("/metrics", metrics::handle);
    });
  }

  /**
   * The recommendation service on the node's store and data dir: the published model set (or,
   * without one, popularity then a first training) loads in the background, never delaying the
   * start; retrained every {@code recommend.retrain-minutes} (0: never).
   */
  private static RecommendationService recommendations(Marquee node) {
    RecommendationService service = new RecommendationService(
        () -> {
          try (Connection c = node.store().readConnection()) {
            return StoreDataset.load(c);
          }
        },
        new ModelStore(node.dataDir()),
        userId -> node.consent().allows(userId, "personalization"));
    service.start();
    long minutes = node.settings().longValue("recommend.retrain-minutes");
    if (minutes > 0) {
      service.retrainEvery(Duration.ofMinutes(minutes));
    }
    return service;
  }

  /** HTTPS from {@code server.tls-cert} and {@code server.tls-key}, or null for plain HTTP. */
  private static PemTls tls(Settings s) {
    String cert = s.string("server.tls-cert");
    String key = s.string("server.tls-key");
    if (cert.isEmpty() != key.isEmpty()) {
      throw new IllegalArgumentException("TLS needs both a certificate and a key (--tls-cert and --tls-key)");
    }
    if (cert.isEmpty()) {
      return null;
    }
    try {
      return PemTls.load(java.nio.file.Path.of(cert), java.nio.file.Path.of(key));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot use the TLS certificate: " + e.getMessage(), e);
    }
  }

  /** True when this server answers HTTPS. */
  public boolean isTls() {
    return tls != null;
  }

  /** The recommendations this server answers from. */
  public RecommendationService recommendations() {
    return recommendations;
  }

  /** Starts serving {@code node} on host:port (port 0 picks a free one). */
  public static HttpServer start(Marquee node, String host, int port) {
    HttpServer server = new HttpServer(node, host, port);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.tracking.close();
      if (server.tls != null) {
        server.tls.close();
      }
      server.recommendations.close();
      throw e;
    }
    Transport.warnIfExposed(host, server.tls != null);
    return server;
  }

  /** Every route served, as "METHOD /path" (filters left out); the OpenAPI document must list each. */
  public java.util.List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(e -> e.endpoint)
        .filter(e -> e.method.isHttpMethod())
        .map(e -> e.method.name() + " " + e.path)
        .sorted()
        .toList();
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    ready = false;
    try {
      if (!tracking.drain(drain)) {
        LOG.warn("{} requests still in flight after {}; stopping anyway", tracking.inFlight(), drain);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    app.stop();
    tracking.close();
    if (tls != null) {
      tls.close();
    }
    recommendations.close();
  }
}
