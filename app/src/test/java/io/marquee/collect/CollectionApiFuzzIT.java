package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.core.RejectionCode;
import io.marquee.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the collection API: mutations of valid Segment bodies (truncation, byte flips,
 * type swaps, nesting, unicode, numbers, gzip of the mutated body). Every answer is 200, 400, 413 or
 * 415 with a JSON reason and a known rejection code (each listed rejection too); the server stays
 * up; the store holds exactly what was acknowledged.
 *
 * <p>2,000 cases by default (seconds); {@code -Dfuzz.cases=N} runs more, {@code -Dfuzz.seed=S}
 * another sequence. A failure names the case and its seed.
 */
class CollectionApiFuzzIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> ALLOWED = Set.of(200, 400, 413, 415);
  private static final String[] ROUTES = {"/v1/batch", "/v1/import", "/v1/track", "/v1/identify", "/v1/page"};
  private static final String[] SWAPS = {"1", "-0", "1e400", "-1e-400", "123456789012345678901234567890",
      "null", "true", "[]", "{}", "\"\"", "[[[[[[[[]]]]]]]]", "{\"a\":{\"b\":{\"c\":[1,{}]}}}",
      "\"\\ud800\"", "\"\\u0000\"", "\"é😀\u202e\"", "4111111111111111"};
  @TempDir Path dataDir;

  private static String message(String id, int kind) {
    return switch (kind) {
      case 0 -> "{\"type\":\"track\",\"event\":\"Video Content Playing\",\"userId\":\"u" + id + "\",\"messageId\":\""
          + id + "\",\"timestamp\":\"2026-10-01T20:00:00Z\",\"properties\":{\"session_id\":\"s1\","
          + "\"asset_id\":\"a1\",\"position\":12.5,\"total_length\":100,\"title\":\"Dune\"},"
          + "\"context\":{\"app\":{\"name\":\"tv\"}}}";
      case 1 -> "{\"type\":\"identify\",\"userId\":\"u" + id + "\",\"messageId\":\"" + id
          + "\",\"traits\":{\"plan\":\"basic\",\"age\":30}}";
      default -> "{\"type\":\"page\",\"name\":\"Home\",\"anonymousId\":\"a" + id + "\",\"messageId\":\"" + id
          + "\",\"properties\":{\"path\":\"/\"}}";
    };
  }

  private static byte[] valid(Random r, int n, String route) {
    if (!route.endsWith("batch") && !route.endsWith("import")) {
      int kind = route.endsWith("track") ? 0 : route.endsWith("identify") ? 1 : 2;
      return message("f" + n, kind).getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder b = new StringBuilder("{\"batch\":[");
    int count = 1 + r.nextInt(4);
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ",").append(message("f" + n + "-" + i, r.nextInt(3)));
    }
    return b.append("],\"context\":{\"library\":{\"name\":\"fuzz\"}}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mutate(Random r, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    switch (r.nextInt(7)) {
      case 0 -> {
        return java.util.Arrays.copyOf(body, r.nextInt(body.length));
      }
      case 1 -> {
        byte[] b = body.clone();
        for (int i = 0, flips = 1 + r.nextInt(4); i < flips; i++) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 2 -> {
        // swap a value after some colon for another type
        int colon = text.indexOf(':', r.nextInt(text.length()));
        if (colon < 0) {
          return body;
        }
        int end = colon + 1;
        while (end < text.length() && ",}]".indexOf(text.charAt(end)) < 0) {
          end++;
        }
        return (text.substring(0, colon + 1) + SWAPS[r.nextInt(SWAPS.length)] + text.substring(end))
            .getBytes(StandardCharsets.UTF_8);
      }
      case 3 -> {
        int depth = 1 + r.nextInt(120);
        return ("{\"batch\":[" + "[".repeat(depth) + "]".repeat(depth) + "],\"x\":" + text + "}")
            .getBytes(StandardCharsets.UTF_8);
      }
      case 4 -> {
        int at = r.nextInt(text.length());
        String[] odd = {"\u0000", "\ud83d\ude00", "\u202e", "\\u", "\\ud800", "\uFEFF", "\"", "\\"};
        byte[] inserted = (text.substring(0, at) + odd[r.nextInt(odd.length)] + text.substring(at))
            .getBytes(StandardCharsets.UTF_8);
        if (r.nextBoolean()) {
          return inserted;
        }
        byte[] raw = {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF};
        byte[] out = new byte[inserted.length + 2];
        int pos = r.nextInt(inserted.length);
        System.arraycopy(inserted, 0, out, 0, pos);
        int k = r.nextInt(raw.length - 1);
        out[pos] = raw[k];
        out[pos + 1] = raw[k + 1];
        System.arraycopy(inserted, pos, out, pos + 2, inserted.length - pos);
        return out;
      }
      case 5 -> {
        String[] numbers = {"1e400", "-1e400", "4.111111111111111e15", "0.0000001", "1" + "0".repeat(500), "NaN"};
        return text.replaceFirst("12\\.5|100|30", numbers[r.nextInt(numbers.length)]).getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        return (text + (r.nextBoolean() ? "{}" : " x")).getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  @Test
  void mutatedSegmentBodies_getAReasonedAnswer_andOnlyAcknowledgedMessagesAreStored() throws Exception {
    int cases = Integer.getInteger("fuzz.cases", 2000);
    long seed = Long.getLong("fuzz.seed", 20261201L);
    Random r = new Random(seed);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String auth = "Basic " + Base64.getEncoder().encodeToString((TestNode.WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    long acknowledged = 0;
    try (TestNode node = TestNode.start(dataDir)) {
      for (int n = 0; n < cases; n++) {
        String route = ROUTES[r.nextInt(ROUTES.length)];
        byte[] body = valid(r, n, route);
        int rounds = r.nextInt(3);
        for (int i = 0; i < rounds; i++) {
          body = body.length == 0 ? body : mutate(r, body);
        }
        boolean zip = r.nextInt(5) == 0;
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(node.url(route)))
            .timeout(Duration.ofSeconds(30)).header("Authorization", auth)
            .POST(HttpRequest.BodyPublishers.ofByteArray(zip ? gzip(body) : body));
        if (zip) {
          req.header("Content-Encoding", "gzip");
        }
        HttpResponse<String> answer = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        String where = "case " + n + " (seed " + seed + ", " + route + "): " + answer.body();
        assertThat(ALLOWED).as(where).contains(answer.statusCode());
        JsonNode a = JSON.readTree(answer.body());
        if (answer.statusCode() == 200) {
          acknowledged += a.get("accepted").asLong();
          for (JsonNode rejection : a.get("rejected")) {
            assertThat(RejectionCode.of(rejection.path("code").asText())).as(where).isNotNull();
          }
        } else {
          assertThat(a.get("success").asBoolean()).as(where).isFalse();
          assertThat(a.path("error").asText()).as(where).isNotBlank();
          assertThat(RejectionCode.of(a.path("code").asText())).as(where).isNotNull();
        }
      }
      assertThat(node.get("/health").statusCode()).isEqualTo(200);
      node.awaitStore();
      long stored;
      try (Connection c = node.node.store().readConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
        rs.next();
        stored = rs.getLong(1);
      }
      CollectStats stats = node.node.collector().stats();
      assertThat(stats.accepted()).isEqualTo(acknowledged);
      assertThat(stored).as("stored = acknowledged - duplicates").isEqualTo(acknowledged - stats.duplicates());
    }
  }
}
