package io.marquee.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static boolean detects(String json) throws Exception {
    return CardNumbers.containsCardData(JSON.readTree(json.replace('\'', '"')));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{'properties':{'note':'4111 1111 1111 1111'}}",
      "{'x':'5555555555554444'}",
      "{'x':'378282246310005'}",
      "{'x':'3782-822463-10005'}",
      "{'x':'please charge 6011-1111-1111-1117, thanks'}",
      "{'x':'3530111333300000'}",
      "{'x':'3056 930902 5904'}",
      "{'x':'2223003122003222'}",
      "{'x':'4111111111111111110'}",
      "{'x':'order 1234 4012 8888 8888 1881'}",
      "{'x':'ref-371449635398431'}",
      "{'x':4111111111111111}",
      "{'x':4111111111111111.0}",
      "{'x':-5105105105105100}",
      "{'list':['a', {'deep':['6200000000000005']}]}",
      "{'4000056655665556':true}",
      "{'cardNumber':'1234567812345670'}",
      "{'payment':{'card':{'pan':'1234 5678 1234 5670'}}}",
      "{'cc_number':1234567812345670}",
      "{'cvv':'123'}",
      "{'card_code':1234}",
      "{'Security-Code':' 987 '}",
      "{'payment':{'token':'tok_1','cvc':'123'}}",
      "{'traits':{'CVV2':'0042'}}",
  })
  void cardData_isDetected(String json) throws Exception {
    assertThat(detects(json)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{'messageId':'550e8400-e29b-41d4-a716-446655440000'}",
      "{'id':'12345678-1234-1234-1234-123456789012'}",
      "{'timestamp':1698765432125}",
      "{'timestamp':'1698765432125'}",
      "{'ts_us':1698765432123456}",
      "{'ts_ns':'1698765432123456782'}",
      "{'tweetId':'1125147444373258241'}",
      "{'big':'41111111111111111115'}",
      "{'id':1234567812345670}",
      "{'id':9223372036854775807}",
      "{'orderId':'4111111111111112'}",
      "{'phone':'+1 415 555 2671'}",
      "{'phone':'+44 20 7946 0958'}",
      "{'phone':'+4915112345678901'}",
      "{'isbn':'978-3-16-148410-0'}",
      "{'sentAt':'2024-01-15T10:00:00.000Z'}",
      "{'ip':'192.168.100.200'}",
      "{'amount':12345678.90}",
      "{'payment':{'token':'tok_visa','brand':'visa','last4':'4242','exp_month':12,'exp_year':2030}}",
      "{'cvv':'abc'}",
      "{'cvv':'12'}",
      "{'cvv':12345}",
      "{'cardBrand':'visa','card_id':'card_1MqLd2'}",
      "{'cardNumber':'4111111111111112'}",
      "{'title':'Episode 4111'}",
      "[]",
  })
  void idsTimestampsAndTokens_areNotCards(String json) throws Exception {
    assertThat(detects(json)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005",
      "6011111111111117", "30569309025904", "2223003122003222", "4012888888881881"})
  void testCardNumbers_passLuhnAndLookLikeIssuers(String pan) {
    assertThat(Digits.luhn(pan, 0, pan.length())).isTrue();
    assertThat(Digits.issuerLike(pan, 0)).isTrue();
    assertThat(CardNumbers.containsCardNumber(pan)).isTrue();
  }

  /** Regression: a demo anonymousId whose digit-only middle (4762-9038-645793) passes Luhn. */
  @org.junit.jupiter.api.Test
  void uuidWithACardShapedMiddle_isNotACardNumber() {
    org.assertj.core.api.Assertions.assertThat(
        CardNumbers.containsCardNumber("763c98e1-a0eb-4762-9038-645793b8f1f5")).isFalse();
    org.assertj.core.api.Assertions.assertThat(
        CardNumbers.containsCardNumber("card 4111 1111 1111 1111 in a note")).isTrue();
  }

  @org.junit.jupiter.api.Test
  void nonFiniteNumbers_holdNoCardNumber_andDoNotFail() {
    com.fasterxml.jackson.databind.node.JsonNodeFactory f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    org.assertj.core.api.Assertions.assertThat(CardNumbers.containsCardData(f.objectNode()
        .put("a", Double.POSITIVE_INFINITY).put("b", Double.NaN).put("c", Float.NEGATIVE_INFINITY))).isFalse();
  }
}
