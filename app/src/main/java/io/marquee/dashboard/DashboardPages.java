package io.marquee.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, from the jar: the page ({@code dashboard/index.html}, answered at {@code /}
 * through {@link #home}), its scripts and styles at {@code GET /static/{file}} (resources {@code
 * dashboard/FILE}, flat names only, 404 for anything else) and Apache ECharts at {@code GET
 * /assets/echarts.min.js} (from the {@code org.mvnpm:echarts} jar). None needs a key: the data
 * comes from the API, which does.
 *
 * <p>Every answer carries the {@link #CSP Content-Security-Policy} (scripts and styles from this
 * origin only, no inline script or style, no frames), {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}.
 */
public final class DashboardPages {
  /** The policy of every dashboard answer; the pages have no inline script or style. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  static final String ECHARTS = "/META-INF/resources/_static/echarts/6.0.0/dist/echarts.min.js";
  private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.(js|css|svg)");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  void register(RoutesConfig routes) {
    routes.get("/static/{file}", this::file);
    routes.get("/assets/echarts.min.js", ctx -> send(ctx, ECHARTS, TYPES.get("js"), "public, max-age=86400"));
  }

  /** Answers {@code GET /} for a browser: the single-page app (its routes live in the URL's fragment). */
  public void home(Context ctx) {
    send(ctx, "/dashboard/index.html", "text/html; charset=utf-8", "no-cache");
  }

  private void file(Context ctx) {
    String name = ctx.pathParam("file");
    if (!FILE.matcher(name).matches()) {
      throw new NotFoundResponse("no such dashboard file");
    }
    send(ctx, "/dashboard/" + name, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), "no-cache");
  }

  private void send(Context ctx, String resource, String type, String caching) {
    byte[] body = cache.computeIfAbsent(resource, DashboardPages::read);
    if (body.length == 0) {
      throw new NotFoundResponse("no such dashboard file");
    }
    headers(ctx);
    ctx.header("Cache-Control", caching);
    ctx.contentType(type).result(body);
  }

  /** The security headers of every dashboard answer. */
  static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
  }

  private static byte[] read(String resource) {
    try (InputStream in = DashboardPages.class.getResourceAsStream(resource)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
