package io.marquee.server;

import io.javalin.Javalin;
import io.marquee.capability.Capability;
import io.marquee.capability.Erasures;
import io.marquee.capability.Services;
import io.marquee.collect.Collector;
import io.marquee.config.Settings;
import io.marquee.recommend.RecommendationService;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP server of a node: the routes of every {@link Capabilities capability}, {@code GET
 * /health} (200 when ready, 503 while draining), {@code GET /metrics}, and {@code GET /} and {@code
 * GET /v1/openapi.json} ({@link ApiDocs}). Started only after the
 * node has recovered, so an open port means ready. {@link #close} drains: new requests get 503,
 * those in flight finish, then Jetty stops and what the capabilities started is closed.
 *
 * <p>Each server works in its own {@link Services#scope scope} of the node's services: what its
 * capabilities offer (the recommendation service, ...) and start lives and stops with it.
 */
public final class HttpServer implements Closeable {
  private final Javalin app;
  private final Services services;
  private final Duration drain;
  private final PemTls tls;
  private volatile boolean ready = true;

  private HttpServer(Marquee node, String host, int port, List<Capability> capabilities) {
    Settings s = node.settings();
    this.drain = Duration.ofSeconds(s.longValue("server.drain-seconds"));
    this.tls = tls(s);
    this.services = node.services().scope().offer(Erasures.class, new Erasures());
    try {
      MetricsEndpoint metrics = new MetricsEndpoint(node);
      this.app = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jetty.host = host;
        config.jetty.port = port;
        Transport.configure(config, s, host, port, tls);
        config.http.maxRequestSize = Math.max(s.longValue("collect.max-batch-bytes"), Collector.MAX_MESSAGE_BYTES) + 1;
        for (Capability c : capabilities) {
          try {
            c.routes(config.routes, services);
          } catch (RuntimeException e) {
            throw new IllegalStateException("capability " + c.name() + " failed to register: " + e.getMessage(), e);
          }
        }
        new ApiDocs(node.json(), () -> !ready, services).register(config.routes);
        config.routes.get("/health", new Health(node, () -> !ready)::handle);
        config.routes.get("/metrics", metrics::handle);
      });
    } catch (RuntimeException | Error e) {
      stopResources(e);
      throw e;
    }
  }

  /** HTTPS from {@code server.tls-cert} and {@code server.tls-key}, or null for plain HTTP. */
  static PemTls tls(Settings s) {
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

  /**
   * The {@code type} service of this server (offered by a capability) or of its node.
   *
   * @throws IllegalStateException when there is none
   */
  public <T> T service(Class<T> type) {
    return services.get(type);
  }

  /** The recommendations this server answers from. */
  public RecommendationService recommendations() {
    return service(RecommendationService.class);
  }

  /** Starts serving {@code node} on host:port (port 0 picks a free one) with every capability. */
  public static HttpServer start(Marquee node, String host, int port) {
    return start(node, host, port, Capabilities.all());
  }

  /** Starts serving {@code node} on host:port with the routes of {@code capabilities} only. */
  public static HttpServer start(Marquee node, String host, int port, List<Capability> capabilities) {
    HttpServer server = new HttpServer(node, host, port, capabilities);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.stopResources(e);
      throw e;
    }
    Transport.warnIfExposed(host, server.tls != null);
    return server;
  }

  /** Closes what the capabilities started and the TLS watcher after a failed start. */
  private void stopResources(Throwable cause) {
    try {
      services.close();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
    if (tls != null) {
      tls.close();
    }
  }

  /** Every route served, as "METHOD /path" (filters left out); the OpenAPI document must list each. */
  public List<String> routes() {
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
      services.drain(drain); // each capability says what it left in flight
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    app.stop();
    try {
      services.close();
    } finally {
      if (tls != null) {
        tls.close();
      }
    }
  }
}
