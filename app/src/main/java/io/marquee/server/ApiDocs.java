package io.marquee.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.marquee.capability.Services;
import io.marquee.dashboard.DashboardPages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The two self-descriptions of a node, both without a key: {@code GET /v1/openapi.json}, the
 * OpenAPI 3.1 document of every route (the resource {@code openapi.json}, served as it is), and
 * {@code GET /}: the dashboard's page for browsers ({@link DashboardPages}, when the server has the
 * dashboard), and a small JSON index (name, version, status, links) for a client whose {@code
 * Accept} asks for {@code application/json} (or every client, without the dashboard). The version
 * is the document's {@code info.version}.
 */
final class ApiDocs {
  static final String OPENAPI_PATH = "/v1/openapi.json";
  private final String document;
  private final String version;
  private final java.util.function.BooleanSupplier draining;
  private final ObjectMapper json;
  private final Optional<DashboardPages> dashboard;

  ApiDocs(ObjectMapper json, java.util.function.BooleanSupplier draining, Services services) {
    this.json = json;
    this.dashboard = services.find(DashboardPages.class);
    this.document = resource();
    this.draining = draining;
    try {
      JsonNode doc = json.readTree(document);
      this.version = doc.path("info").path("version").asText();
    } catch (IOException e) {
      throw new UncheckedIOException("openapi.json in the jar is not JSON", e);
    }
  }

  /** The OpenAPI document as shipped in the jar. */
  static String resource() {
    try (InputStream in = ApiDocs.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void register(RoutesConfig routes) {
    routes.get("/", this::index);
    routes.get(OPENAPI_PATH, ctx -> ctx.contentType("application/json").result(document));
  }

  private void index(Context ctx) throws IOException {
    ctx.header("Vary", "Accept");
    if (dashboard.isPresent() && !wantsJson(ctx.header("Accept"))) {
      dashboard.get().home(ctx);
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", "marquee");
    out.put("version", version);
    out.put("status", draining.getAsBoolean() ? "draining" : "ok");
    Map<String, String> links = new LinkedHashMap<>();
    links.put("health", "/health");
    links.put("metrics", "/metrics");
    links.put("openapi", OPENAPI_PATH);
    out.put("links", links);
    ctx.contentType("application/json").result(json.writeValueAsString(out));
  }

  /** True when an Accept header names JSON and not HTML (a browser asks for HTML first). */
  static boolean wantsJson(String accept) {
    if (accept == null) {
      return false;
    }
    String a = accept.toLowerCase(java.util.Locale.ROOT);
    return a.contains("application/json") && !a.contains("text/html");
  }
}
