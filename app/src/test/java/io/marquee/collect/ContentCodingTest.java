package io.marquee.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentCodingTest {
  private static final byte[] BODY = "{\"batch\":[]}".getBytes(StandardCharsets.UTF_8);

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(b);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] b, boolean raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(6, raw))) {
      d.write(b);
    }
    return out.toByteArray();
  }

  @Test
  void gzipZlibAndRawDeflate_decodeToTheBody() throws Exception {
    assertThat(ContentCoding.of("gzip").decode(gzip(BODY), 1000, "batch")).isEqualTo(BODY);
    assertThat(ContentCoding.of("x-gzip").decode(gzip(BODY), 1000, "batch")).isEqualTo(BODY);
    assertThat(ContentCoding.of("deflate").decode(deflate(BODY, false), 1000, "batch")).isEqualTo(BODY);
    assertThat(ContentCoding.of("deflate").decode(deflate(BODY, true), 1000, "batch")).isEqualTo(BODY);
    assertThat(ContentCoding.of("deflate, gzip").decode(gzip(deflate(BODY, false)), 1000, "batch"))
        .isEqualTo(BODY);
    assertThat(ContentCoding.of(null).isIdentity()).isTrue();
    assertThat(ContentCoding.of("identity").isIdentity()).isTrue();
  }

  @Test
  void inflationStopsPastTheLimit_with413() throws Exception {
    byte[] big = gzip(new byte[50_000_000]);
    assertThat(big.length).isLessThan(100_000);
    assertThatThrownBy(() -> ContentCoding.of("gzip").decode(big, 500_000, "batch"))
        .isInstanceOfSatisfying(RequestBody.BadRequest.class, e -> assertThat(e.status).isEqualTo(413))
        .hasMessageContaining("batch is larger than 500 KB once inflated");
  }

  @Test
  void unknownCoding_is415NamingIt_andCorruptDataIs400() {
    assertThatThrownBy(() -> ContentCoding.of("br"))
        .isInstanceOfSatisfying(RequestBody.BadRequest.class, e -> assertThat(e.status).isEqualTo(415))
        .hasMessageContaining("'br'");
    assertThatThrownBy(() -> ContentCoding.of("gzip").decode(BODY, 1000, "batch"))
        .isInstanceOfSatisfying(RequestBody.BadRequest.class, e -> assertThat(e.status).isEqualTo(400))
        .hasMessageContaining("not valid gzip");
  }
}
