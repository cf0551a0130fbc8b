package io.marquee.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.marquee.config.Settings;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the server meets the network, in one place for every route: the connector (HTTP, or HTTPS
 * with HSTS), the bounds a slow or hostile client runs into, trailing slashes, and the answer to a
 * body that cannot be read.
 *
 * <p>Bounds: {@code server.max-threads} threads (bodies are read without holding one, see {@code
 * collect.BodyReader}), {@code server.max-connections} open connections, {@code
 * server.idle-timeout-seconds} of silence per connection. A request whose body breaks off or is
 * malformed (a bad chunked encoding) is a 400 with one log line on every route, never a 500 with a
 * stack trace.
 */
final class Transport {
  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
  static final String HSTS = "max-age=31536000";

  private Transport() {}

  static void configure(JavalinConfig config, Settings s, String host, int port, PemTls tls) {
    long idleMillis = s.longValue("server.idle-timeout-seconds") * 1000;
    int maxConnections = s.intValue("server.max-connections");
    QueuedThreadPool threads = new QueuedThreadPool(s.intValue("server.max-threads"), 8, 60_000);
    threads.setName("marquee-http");
    config.jetty.threadPool = threads;
    config.router.ignoreTrailingSlashes = true;
    config.jetty.addConnector((server, http) -> {
      http.setIdleTimeout(idleMillis);
      http.setSendServerVersion(false);
      ServerConnector connector;
      if (tls == null) {
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
      } else {
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // clients reach a node by IP or by a name the certificate may not list: not ours to police
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        connector = new ServerConnector(server,
            new SslConnectionFactory(tls.factory(), "http/1.1"), new HttpConnectionFactory(http));
      }
      connector.setHost(host);
      connector.setPort(port);
      connector.setIdleTimeout(idleMillis);
      connector.setAcceptQueueSize(256);
      server.addBean(new NetworkConnectionLimit(maxConnections, connector));
      return connector;
    });
    if (tls != null) {
      config.routes.before(ctx -> ctx.header("Strict-Transport-Security", HSTS));
    }
    config.routes.exception(EofException.class, (e, ctx) -> unreadable(ctx, e));
    config.routes.exception(BadMessageException.class, (e, ctx) -> unreadable(ctx, e));
    config.routes.exception(java.io.UncheckedIOException.class, (e, ctx) -> {
      if (e.getCause() instanceof EofException || e.getCause() instanceof java.io.EOFException) {
        unreadable(ctx, e.getCause());
      } else {
        LOG.error("request failed: {}", e.toString(), e);
        ctx.status(500).json(Map.of("success", false, "error", "internal error"));
      }
    });
  }

  private static void unreadable(Context ctx, Throwable e) {
    LOG.info("{} {}: body unreadable: {}", ctx.method(), ctx.path(), String.valueOf(e.getMessage())
        .replace('\n', ' '));
    ctx.header("Connection", "close");
    ctx.status(400).json(Map.of("success", false,
        "error", "the body could not be read (truncated or malformed): " + e.getMessage()));
  }

  /** Warns when a plain-HTTP server listens beyond loopback: keys and traits would cross in clear. */
  static boolean warnIfExposed(String host, boolean tls) {
    if (tls) {
      return false;
    }
    boolean loopback;
    try {
      loopback = java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      LOG.warn("listening on {} without TLS: write keys, API keys and personal data cross the network "
          + "in clear. Use --tls-cert/--tls-key, or bind to 127.0.0.1 behind a TLS-terminating proxy.",
          host);
    }
    return !loopback;
  }
}
