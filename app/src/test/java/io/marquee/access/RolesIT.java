package io.marquee.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.config.Settings;
import io.marquee.testing.TestNode;
import io.marquee.vault.MasterKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every management endpoint against every role: 401 without a key, 403 below the role it needs. */
class RolesIT {
  @TempDir static Path dataDir;
  private static TestNode node;
  private static final Map<Role, String> KEYS = new EnumMap<>(Role.class);

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dataDir, Settings.defaults(), MasterKey.generate());
    for (Role r : Role.values()) {
      KEYS.put(r, node.node.apiKeys().create(r, "test"));
    }
    node.post("/v1/identify", "{\"userId\":\"u1\",\"traits\":{\"age\":30}}", TestNode.WRITE_KEY);
    node.awaitStore();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  static Stream<Arguments> endpoints() {
    return Stream.of(
        Arguments.of("GET", "/v1/profiles/u1", null, Role.ANALYST),
        Arguments.of("GET", "/v1/session", null, Role.ANALYST),
        Arguments.of("POST", "/v1/session", null, Role.ANALYST),
        Arguments.of("GET", "/v1/profiles/u1?include=pii", null, Role.ADMIN),
        Arguments.of("GET", "/v1/users/u1/consent", null, Role.ANALYST),
        Arguments.of("PUT", "/v1/users/u1/consent", "{\"marketing\":true}", Role.WRITE),
        Arguments.of("GET", "/v1/privacy/users/u1/export", null, Role.ADMIN),
        Arguments.of("GET", "/v1/privacy/requests/none", null, Role.ADMIN),
        Arguments.of("POST", "/v1/admin/master-key", "{}", Role.ADMIN),
        Arguments.of("DELETE", "/v1/privacy/users/someone-else", null, Role.ADMIN),
        Arguments.of("GET", "/v1/users/u1/recommendations", null, Role.ANALYST),
        Arguments.of("GET", "/v1/titles/t1/similar", null, Role.ANALYST),
        Arguments.of("GET", "/v1/titles/t1", null, Role.ANALYST),
        Arguments.of("GET", "/v1/admin/recommendations/train", null, Role.ADMIN),
        Arguments.of("GET", "/v1/insights/titles", null, Role.ANALYST),
        Arguments.of("GET", "/v1/insights/titles/t1", null, Role.ANALYST),
        Arguments.of("GET", "/v1/insights/series/s1", null, Role.ANALYST),
        Arguments.of("GET", "/v1/insights/genres", null, Role.ANALYST),
        Arguments.of("GET", "/v1/insights/overview", null, Role.ANALYST),
        Arguments.of("GET", "/v1/insights/music", null, Role.ANALYST),
        Arguments.of("POST", "/v1/audiences", "{\"name\":\"a\",\"rule\":{\"gender\":\"f\"}}", Role.MARKETER),
        Arguments.of("GET", "/v1/audiences", null, Role.MARKETER),
        Arguments.of("POST", "/v1/audiences/estimate", "{\"rule\":{\"gender\":\"f\"}}", Role.MARKETER),
        Arguments.of("POST", "/v1/audiences/for-title/none?size=5", null, Role.MARKETER),
        Arguments.of("GET", "/v1/audiences/aud_none", null, Role.MARKETER),
        Arguments.of("GET", "/v1/audiences/aud_none/overlap/aud_other", null, Role.MARKETER),
        Arguments.of("POST", "/v1/audiences/aud_none/lookalike?country=FR", null, Role.MARKETER),
        Arguments.of("DELETE", "/v1/audiences/aud_none", null, Role.MARKETER),
        Arguments.of("POST", "/v1/audiences/a1/exports?format=user-ids", null, Role.MARKETER),
        Arguments.of("POST", "/v1/releases", "{}", Role.MARKETER));
  }

  private static int call(String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url(path))).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @ParameterizedTest(name = "{0} {1} needs {3}")
  @MethodSource("endpoints")
  void eachEndpoint_refusesMissingKeysAndLowerRoles(String method, String path, String body, Role needed)
      throws Exception {
    assertThat(call(method, path, body, null)).isEqualTo(401);
    assertThat(call(method, path, body, "mq_000000000000_notakey")).isEqualTo(401);
    for (Role r : Role.values()) {
      int status = call(method, path, body, KEYS.get(r));
      if (r.allows(needed)) {
        assertThat(status).as(r + " on " + path).isNotIn(401, 403);
      } else {
        assertThat(status).as(r + " on " + path).isEqualTo(403);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aWriteKeyWhereAnApiKeyIsExpected_getsA401ThatNamesBothKinds() throws Exception {
    String writeKey = node.node.writeKeys().generate();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(node.url("/v1/profiles/u1"))).header("Authorization", "Bearer " + writeKey).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("write key (wk_...)").contains("API key (mq_...)").contains("analyst");
  }

  @org.junit.jupiter.api.Test
  void noKey_getsA401ThatNamesTheKindOfKeyAndTheRole() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(node.url("/v1/privacy/users/u1/export"))).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("API key (mq_...)").contains("admin").contains("marquee keys create --role admin");
  }

  @org.junit.jupiter.api.Test
  void anApiKeyWithoutTheWriteRole_onCollection_getsA401ThatNamesTheKeyCollectionTakes() throws Exception {
    String basic = java.util.Base64.getEncoder().encodeToString((KEYS.get(Role.ANALYST) + ":").getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.url("/v1/track")))
        .header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u1\",\"event\":\"x\"}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("write key (wk_...)").contains("write role");
  }
}
