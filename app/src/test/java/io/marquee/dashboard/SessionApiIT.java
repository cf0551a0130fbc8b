package io.marquee.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import io.marquee.vault.MasterKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/session} over HTTP without a browser: the cookie's flags, what it opens, the Origin rule, sign-out. */
class SessionApiIT {
  @TempDir static Path dataDir;
  private static TestNode node;
  private static String analystKey;
  private static String adminKey;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults(), MasterKey.generate());
    analystKey = node.node.apiKeys().create(Role.ANALYST, "test");
    adminKey = node.node.apiKeys().create(Role.ADMIN, "test");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private String origin() {
    return "http://127.0.0.1:" + node.server.port();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url(path))).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in with {@code key} and returns the cookie pair ({@code marquee_session=...}). */
  private String signIn(String key) throws Exception {
    HttpResponse<String> r = send("POST", "/v1/session", "{\"api_key\":\"" + key + "\"}",
        "Content-Type", "application/json", "Origin", origin());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  @Test
  void signingIn_setsAnHttpOnlySameSiteStrictCookie_withoutSecureOnPlainHttp() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/session", "{\"api_key\":\"" + analystKey + "\"}",
        "Content-Type", "application/json");

    assertThat(r.statusCode()).isEqualTo(200);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).matches("marquee_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict");
    assertThat(cookie).doesNotContain(analystKey.substring(16));
    JsonNode body = json.readTree(r.body());
    assertThat(body.path("role").asText()).isEqualTo("analyst");
    assertThat(body.path("key_id").asText()).isEqualTo(analystKey.substring(3, 15));
    assertThat(body.path("idle_timeout_seconds").asLong()).isEqualTo(8 * 3600);
  }

  @Test
  void underTls_theCookieIsSecure() {
    assertThat(SessionApi.cookie("t", true, false)).isEqualTo("marquee_session=t; Path=/; HttpOnly; SameSite=Strict; Secure");
    assertThat(SessionApi.cookie("", false, true)).isEqualTo("marquee_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  }

  @Test
  void behindATlsProxy_theCookieIsSecure() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/session", "{\"api_key\":\"" + analystKey + "\"}",
        "X-Forwarded-Proto", "https");
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; Secure");
  }

  @Test
  void aBearerKey_signsInToo() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/session", null, "Authorization", "Bearer " + adminKey);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json.readTree(r.body()).path("role").asText()).isEqualTo("admin");
  }

  @Test
  void aWrongKey_isRefusedWithAClearMessage_andNoCookie() throws Exception {
    for (String key : new String[] {"mq_000000000000_notakey", "nonsense", analystKey + "x"}) {
      HttpResponse<String> r = send("POST", "/v1/session", "{\"api_key\":\"" + key + "\"}");
      assertThat(r.statusCode()).as(key).isEqualTo(401);
      assertThat(r.body()).contains("unknown or revoked");
      assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }
    HttpResponse<String> write = send("POST", "/v1/session", "{\"api_key\":\"wk_abc\"}");
    assertThat(write.statusCode()).isEqualTo(401);
    assertThat(write.body()).contains("write key");
    HttpResponse<String> none = send("POST", "/v1/session", "{}");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("analyst");
    assertThat(send("POST", "/v1/session", "{not json").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/session", "{\"api_key\":5}").body()).contains("api_key");
  }

  @Test
  void aKeyBelowAnalyst_cannotSignIn() throws Exception {
    String writeRole = node.node.apiKeys().create(Role.WRITE, "test");
    HttpResponse<String> r = send("POST", "/v1/session", "{\"api_key\":\"" + writeRole + "\"}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aSignInFromAnotherSite_isRefused() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/session", "{\"api_key\":\"" + analystKey + "\"}",
        "Origin", "http://evil.example");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void theCookie_authenticatesTheApi_andTheSessionSaysWhoIsSignedIn() throws Exception {
    String cookie = signIn(analystKey);

    HttpResponse<String> who = send("GET", "/v1/session", null, "Cookie", cookie);
    assertThat(who.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(who.body());
    assertThat(body.path("role").asText()).isEqualTo("analyst");
    assertThat(body.path("via").asText()).isEqualTo("session");
    assertThat(body.path("idle_until").asText()).isNotEmpty();
    assertThat(send("GET", "/v1/titles/t1", null, "Cookie", cookie).statusCode()).isNotIn(401, 403);
    assertThat(send("GET", "/v1/privacy/users/u1/export", null, "Cookie", cookie).statusCode())
        .as("the session has its key's role").isEqualTo(403);
    assertThat(send("GET", "/v1/session", null, "Cookie", "marquee_session=forged").statusCode()).isEqualTo(401);
    assertThat(send("GET", "/v1/session", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aCookieRequestThatChangesSomething_needsThisServersOrigin() throws Exception {
    String cookie = signIn(adminKey);

    HttpResponse<String> none = send("POST", "/v1/admin/master-key", "{}", "Cookie", cookie);
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(none.body()).contains("Origin");
    assertThat(send("POST", "/v1/admin/master-key", "{}", "Cookie", cookie, "Origin", "http://evil.example")
        .statusCode()).isEqualTo(403);
    assertThat(send("POST", "/v1/admin/master-key", "{}", "Cookie", cookie, "Origin", origin()).statusCode())
        .as("past the session check: the endpoint's own 400 for a body without a key file").isEqualTo(400);
    assertThat(send("POST", "/v1/admin/master-key", "{}", "Authorization", "Bearer " + adminKey).statusCode())
        .as("a Bearer key needs no Origin").isEqualTo(400);
    assertThat(send("DELETE", "/v1/session", null, "Cookie", cookie).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/v1/session", null, "Cookie", cookie).statusCode()).as("still signed in").isEqualTo(200);
  }

  @Test
  void signingOut_endsTheSession_andClearsTheCookie() throws Exception {
    String cookie = signIn(analystKey);

    HttpResponse<String> out = send("DELETE", "/v1/session", null, "Cookie", cookie, "Origin", origin());

    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("marquee_session=;").contains("Max-Age=0");
    assertThat(send("GET", "/v1/session", null, "Cookie", cookie).statusCode()).isEqualTo(401);
    assertThat(send("DELETE", "/v1/session", null).statusCode()).as("signing out twice").isEqualTo(204);
  }

  @Test
  void revokingTheKey_endsItsSession() throws Exception {
    String key = node.node.apiKeys().create(Role.ANALYST, "test");
    String cookie = signIn(key);
    assertThat(send("GET", "/v1/session", null, "Cookie", cookie).statusCode()).isEqualTo(200);

    node.node.apiKeys().revoke(key.substring(3, 15), "test");

    HttpResponse<String> after = send("GET", "/v1/session", null, "Cookie", cookie);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.body()).contains("session has ended");
  }
}
