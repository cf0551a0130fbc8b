package io.marquee.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.marquee.capability.Services;
import io.marquee.collect.CollectCapability;
import io.marquee.collect.Collector;
import io.marquee.config.Settings;
import io.marquee.kafka.KafkaSink;
import java.io.Closeable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP server of a {@link CollectorNode}: the collection routes only ({@code /v1/batch}, {@code
 * /v1/track}, ... of {@link CollectCapability}), {@code GET /health} and {@code GET /metrics}.
 * Transport, TLS and draining are a node's ({@link HttpServer}).
 *
 * <p>{@code GET /health}: 200 {@code {"status":"ok","sink":{"type":"kafka","state":"ok",
 * "bootstrap":"HOST:PORT","topic":"marquee.events","error":null}}} while Kafka answers; 503 with
 * {@code status} {@code unavailable} (and {@code sink.state} {@code unreachable}, {@code error}
 * saying why) while it does not, or {@code draining} while the server stops.
 */
public final class CollectorServer implements Closeable {
  private final Javalin app;
  private final Services services;
  private final Duration drain;
  private final PemTls tls;
  private final KafkaSink sink;
  private volatile boolean ready = true;

  private CollectorServer(CollectorNode node, String host, int port) {
    Settings s = node.settings();
    this.drain = Duration.ofSeconds(s.longValue("server.drain-seconds"));
    this.tls = HttpServer.tls(s);
    this.sink = node.sink();
    this.services = node.services();
    try {
      MetricsEndpoint metrics = new MetricsEndpoint(node.collector().stats(), sink);
      this.app = Javalin.create(config -> {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jetty.host = host;
        config.jetty.port = port;
        Transport.configure(config, s, host, port, tls);
        config.http.maxRequestSize = Math.max(s.longValue("collect.max-batch-bytes"), Collector.MAX_MESSAGE_BYTES) + 1;
        new CollectCapability().routes(config.routes, services);
        config.routes.get("/health", this::health);
        config.routes.get("/metrics", metrics::handle);
      });
    } catch (RuntimeException | Error e) {
      services.close();
      if (tls != null) {
        tls.close();
      }
      throw e;
    }
  }

  /** Starts serving {@code node} on host:port (port 0 picks a free one). */
  public static CollectorServer start(CollectorNode node, String host, int port) {
    CollectorServer server = new CollectorServer(node, host, port);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.services.close();
      if (server.tls != null) {
        server.tls.close();
      }
      throw e;
    }
    Transport.warnIfExposed(host, server.tls != null);
    return server;
  }

  private void health(Context ctx) {
    Map<String, Object> sinkPart = new LinkedHashMap<>();
    sinkPart.put("type", "kafka");
    sinkPart.put("state", sink.state());
    sinkPart.put("bootstrap", sink.bootstrap());
    sinkPart.put("topic", sink.topic());
    sinkPart.put("error", sink.error());
    String status = !ready ? "draining" : "ok".equals(sink.state()) ? "ok" : "unavailable";
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("sink", sinkPart);
    ctx.status("ok".equals(status) ? 200 : 503).json(body);
  }

  public boolean isTls() {
    return tls != null;
  }

  public int port() {
    return app.port();
  }

  /** Drains (new requests get 503, those in flight get their answer), then stops Jetty. */
  @Override
  public void close() {
    ready = false;
    try {
      services.drain(drain);
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
