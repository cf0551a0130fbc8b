package io.marquee.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthorizationHeaderTest {
  private static String basic(String s) {
    return "Basic " + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bearer_takesTheToken() {
    assertThat(AuthorizationHeader.bearer("Bearer mq_abc")).hasValue("mq_abc");
    assertThat(AuthorizationHeader.bearer("bearer  mq_abc ")).hasValue("mq_abc");
    assertThat(AuthorizationHeader.bearer("Bearer ")).isEmpty();
    assertThat(AuthorizationHeader.bearer(basic("k:"))).isEmpty();
    assertThat(AuthorizationHeader.bearer(null)).isEmpty();
  }

  @Test
  void basicUser_takesSegmentsWriteKey() {
    assertThat(AuthorizationHeader.basicUser(basic("wk_1:"))).hasValue("wk_1");
    assertThat(AuthorizationHeader.basicUser(basic("wk_1"))).hasValue("wk_1");
    assertThat(AuthorizationHeader.basicUser(basic(":pw"))).isEmpty();
    assertThat(AuthorizationHeader.basicUser("Basic %%%")).isEmpty();
    assertThat(AuthorizationHeader.basicUser("Bearer x")).isEmpty();
  }
}
