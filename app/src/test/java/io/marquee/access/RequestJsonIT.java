package io.marquee.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.marquee.testing.TestNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every API route that takes a JSON object body answers a broken or non-object body the same way. */
class RequestJsonIT {
  @TempDir static Path dir;
  private static TestNode node;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dir, io.marquee.config.Settings.defaults(), io.marquee.vault.MasterKey.generate());
    admin = node.node.apiKeys().create(Role.ADMIN, "test");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "POST|/v1/audiences",
      "POST|/v1/audiences/estimate",
      "POST|/v1/releases",
      "PUT|/v1/users/u1/consent",
      "POST|/v1/admin/master-key"})
  void aBodyThatIsNotJson_orNotAnObject_gets400NamingWhereAndWhatTheRouteExpects(String method, String path)
      throws Exception {
    HttpResponse<String> broken = node.call(method, path, "{\"rule\":\n  {\"country\": }", admin);
    assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
    assertThat(broken.body()).contains("body: not valid JSON at line 2, column").contains("expected");

    HttpResponse<String> array = node.call(method, path, "[1, 2]", admin);
    assertThat(array.statusCode()).as(array.body()).isEqualTo(400);
    assertThat(array.body()).contains("body: must be a JSON object; expected");
  }
}
