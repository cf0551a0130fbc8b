package io.marquee.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.marquee.access.ApiKeys;
import io.marquee.access.Authorization;
import io.marquee.access.AuthorizationHeader;
import io.marquee.access.Principal;
import io.marquee.access.Role;
import io.marquee.access.Sessions;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's sign-in, {@code /v1/session}.
 *
 * <ul>
 *   <li>{@code POST /v1/session} with an API key of role {@code analyst} or above, as JSON {@code
 *       {"api_key": "mq_..."}} or a Bearer header: 200 with {@code {"key_id","role",
 *       "idle_timeout_seconds"}} and {@code Set-Cookie: marquee_session=...; Path=/; HttpOnly;
 *       SameSite=Strict} ({@code Secure} under TLS, or behind a proxy sending {@code
 *       X-Forwarded-Proto: https}). 401 for a missing, unknown, revoked or write key
 *       (no cookie), 403 below analyst or when an {@code Origin} header names another site, 400 for a
 *       body that is not JSON.
 *   <li>{@code GET /v1/session}: who is signed in, {@code {"key_id","role","via","idle_until"}}, or 401.
 *   <li>{@code DELETE /v1/session}: signs out (204, the cookie cleared); with the cookie it needs this
 *       server's {@code Origin} (403 otherwise), as every cookie request that changes anything.
 * </ul>
 */
final class SessionApi {
  static final String PATH = "/v1/session";
  private final Authorization auth;
  private final ApiKeys keys;
  private final ObjectMapper json;

  SessionApi(Authorization auth, ApiKeys keys, ObjectMapper json) {
    this.auth = auth;
    this.keys = keys;
    this.json = json;
  }

  void register(RoutesConfig routes) {
    routes.post(PATH, this::signIn);
    routes.get(PATH, this::who);
    routes.delete(PATH, this::signOut);
  }

  private void signIn(Context ctx) throws IOException {
    String origin = ctx.header("Origin");
    if (origin != null) {
      Sessions.checkOrigin(ctx);
    }
    String key = AuthorizationHeader.bearer(ctx.header("Authorization")).orElseGet(() -> bodyKey(ctx));
    if (key == null || key.isBlank()) {
      throw new UnauthorizedResponse("sign in with an API key (mq_...) of role analyst or above: "
          + "{\"api_key\": \"mq_...\"}; `marquee keys create --role analyst` prints one");
    }
    if (key.startsWith("wk_")) {
      throw new UnauthorizedResponse("that is a write key (wk_...), which only sends events; the dashboard needs "
          + "an API key (mq_...) of role analyst or above");
    }
    Principal p = keys.authenticate(key.strip()).orElseThrow(() -> new UnauthorizedResponse(
        "that API key is unknown or revoked: check it, or create one with `marquee keys create --role analyst`"));
    if (!p.may(Role.ANALYST)) {
      throw new ForbiddenResponse("the dashboard needs a key of role analyst or above; this key has "
          + p.role().wireName());
    }
    String token = auth.sessions().open(p);
    ctx.header("Set-Cookie", cookie(token, secure(ctx), false));
    ctx.header("Cache-Control", "no-store");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key_id", p.id());
    out.put("role", p.role().wireName());
    out.put("idle_timeout_seconds", Sessions.IDLE.toSeconds());
    ctx.contentType("application/json").result(json.writeValueAsString(out));
  }

  private String bodyKey(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      return null;
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new BadRequestResponse("body: not valid JSON; send {\"api_key\": \"mq_...\"}");
    }
    JsonNode k = node == null ? null : node.get("api_key");
    if (k != null && !k.isTextual()) {
      throw new BadRequestResponse("api_key: must be a string");
    }
    return k == null ? null : k.asText();
  }

  private void who(Context ctx) throws IOException {
    Principal p = auth.require(ctx, Role.ANALYST);
    Optional<String> token = AuthorizationHeader.bearer(ctx.header("Authorization")).isPresent()
        ? Optional.empty() : Sessions.token(ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key_id", p.id());
    out.put("role", p.role().wireName());
    out.put("via", token.isPresent() ? "session" : "bearer");
    out.put("idle_until", token.flatMap(t -> auth.sessions().use(t)).map(i -> i.idleUntil().toString()).orElse(null));
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("application/json").result(json.writeValueAsString(out));
  }

  private void signOut(Context ctx) {
    Optional<String> token = Sessions.token(ctx);
    if (token.isPresent()) {
      Sessions.checkOrigin(ctx);
      auth.sessions().close(token.get());
    }
    ctx.header("Set-Cookie", cookie("", secure(ctx), true));
    ctx.status(204);
  }

  /**
   * Whether the browser reached us over TLS: this server's own, or a proxy's that says so (a client
   * forging the header only makes its own cookie Secure).
   */
  static boolean secure(Context ctx) {
    return ctx.req().isSecure() || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  /** The session cookie: HttpOnly, SameSite=Strict, whole site, Secure under TLS; no Max-Age (the server ends it). */
  static String cookie(String token, boolean secure, boolean clear) {
    return Sessions.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
        + (clear ? "; Max-Age=0" : "");
  }
}
