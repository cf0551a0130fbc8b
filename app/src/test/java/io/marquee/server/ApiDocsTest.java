package io.marquee.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which clients {@code GET /} answers with the JSON index rather than the dashboard. */
class ApiDocsTest {
  @Test
  void aClientAskingForJson_getsTheIndex_andABrowserOrAnUnspecificClientTheDashboard() {
    assertThat(ApiDocs.wantsJson("application/json")).isTrue();
    assertThat(ApiDocs.wantsJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(ApiDocs.wantsJson("application/json, */*;q=0.5")).isTrue();
    assertThat(ApiDocs.wantsJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).isFalse();
    assertThat(ApiDocs.wantsJson("text/html, application/json")).isFalse();
    assertThat(ApiDocs.wantsJson("*/*")).isFalse();
    assertThat(ApiDocs.wantsJson(null)).isFalse();
  }
}
