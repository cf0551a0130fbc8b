package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict request envelope of {@link RequestBody}, and the shallow writeKey scan. */
class RequestEnvelopeTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final String M = "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"messageId\":\"m\"}";

  @Test
  void writeKeyScan_findsTheTopLevelKey_wherever_andIgnoresNestedOnes() throws Exception {
    assertThat(RequestBody.writeKeyOf(RequestBody.ENVELOPE,
        b("{\"batch\":[" + M + ",{\"writeKey\":\"inner\"}],\"writeKey\":\"k1\"}"))).isEqualTo("k1");
    assertThat(RequestBody.writeKeyOf(RequestBody.ENVELOPE, b("{\"writeKey\":\"k2\",\"batch\":[]}"))).isEqualTo("k2");
    assertThat(RequestBody.writeKeyOf(RequestBody.ENVELOPE, b("{\"batch\":[{\"writeKey\":\"inner\"}]}"))).isNull();
    assertThat(RequestBody.writeKeyOf(RequestBody.ENVELOPE, b("{\"writeKey\":7}"))).isNull();
  }

  @Test
  void writeKeyScan_refusesWhatTheParseWouldRefuse() {
    assertThatThrownBy(() -> RequestBody.writeKeyOf(RequestBody.ENVELOPE, b("{\"writeKey\":\"a\",\"writeKey\":\"b\"}")))
        .hasMessageContaining("'writeKey' twice");
    assertThatThrownBy(() -> RequestBody.writeKeyOf(RequestBody.ENVELOPE, b("{\"writeKey\":\"a\"} x")))
        .hasMessageContaining("data after");
    assertThatThrownBy(() -> RequestBody.writeKeyOf(RequestBody.ENVELOPE, b("[1]")))
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void batchOverTheMessageLimit_is413_afterReadingNoMore() {
    String many = (M + ",").repeat(10) + M;
    assertThatThrownBy(() -> RequestBody.batch(RequestBody.ENVELOPE, b("{\"batch\":[" + many + "]}"), 10))
        .isInstanceOfSatisfying(RequestBody.BadRequest.class, e -> assertThat(e.status).isEqualTo(413))
        .hasMessageContaining("more than 10 messages");
  }

  @Test
  void twoBatches_trailingData_andTooDeepNesting_areRefused() {
    assertThatThrownBy(() -> RequestBody.batch(RequestBody.ENVELOPE, b("{\"batch\":[],\"batch\":[]}"), 10))
        .hasMessageContaining("two 'batch' arrays");
    assertThatThrownBy(() -> RequestBody.batch(RequestBody.ENVELOPE, b("{\"batch\":[]}]"), 10))
        .hasMessageContaining("data after");
    assertThatThrownBy(() -> RequestBody.single(RequestBody.STRICT, b(M + M)))
        .hasMessageContaining("data after");
    String deep = "[".repeat(200) + "]".repeat(200);
    assertThatThrownBy(() -> RequestBody.batch(RequestBody.ENVELOPE, b("{\"batch\":[],\"x\":" + deep + "}"), 10))
        .isInstanceOfSatisfying(RequestBody.BadRequest.class, e -> assertThat(e.status).isEqualTo(413));
  }

  @Test
  void duplicateKeyInASingleMessage_isRefusedNamingIt() {
    assertThatThrownBy(() -> RequestBody.single(RequestBody.STRICT,
        b("{\"type\":\"track\",\"userId\":\"x\",\"userId\":null}")))
        .hasMessageContaining("userId");
  }
}
