package io.marquee.collect;

import io.marquee.core.RejectionCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The {@code Content-Encoding} of a request body: {@code identity}, {@code gzip} ({@code x-gzip})
 * or {@code deflate} (zlib, or raw deflate as some clients send it), possibly listed in the order
 * they were applied. RudderStack's Node SDK gzips every batch.
 *
 * <p>Inflation stops one byte past the limit, so a small body that would inflate to gigabytes
 * costs no more than the limit before it is refused with 413.
 */
final class ContentCoding {
  private final List<String> codings;

  private ContentCoding(List<String> codings) {
    this.codings = codings;
  }

  /** The codings of a header value; 415 naming an unsupported one. */
  static ContentCoding of(String header) throws RequestBody.BadRequest {
    List<String> codings = new ArrayList<>();
    if (header != null) {
      for (String part : header.split(",")) {
        String c = part.strip().toLowerCase(Locale.ROOT);
        switch (c) {
          case "", "identity" -> { }
          case "gzip", "x-gzip" -> codings.add("gzip");
          case "deflate" -> codings.add("deflate");
          default -> throw new RequestBody.BadRequest(415, RejectionCode.UNSUPPORTED_ENCODING, "Content-Encoding '"
              + MessageValidator.abbreviate(part.strip())
              + "' is not supported; use gzip, deflate or none");
        }
      }
    }
    return new ContentCoding(codings);
  }

  /** True when the body is sent as is. */
  boolean isIdentity() {
    return codings.isEmpty();
  }

  /** The decoded body: 413 when it inflates past {@code limit} bytes, 400 when it is not valid. */
  byte[] decode(byte[] body, int limit, String what) throws RequestBody.BadRequest {
    byte[] b = body;
    for (int i = codings.size() - 1; i >= 0; i--) {
      b = inflate(codings.get(i), b, limit, what);
    }
    return b;
  }

  private static byte[] inflate(String coding, byte[] body, int limit, String what)
      throws RequestBody.BadRequest {
    try (InputStream in = open(coding, body)) {
      byte[] out = in.readNBytes(limit + 1);
      if (out.length > limit) {
        throw new RequestBody.BadRequest(413, RejectionCode.TOO_LARGE,
            what + " is larger than " + (limit / 1000) + " KB once inflated");
      }
      return out;
    } catch (ZipException | java.io.EOFException e) {
      throw new RequestBody.BadRequest(400, RejectionCode.BAD_ENCODING, "body is not valid " + coding + ": "
          + (e.getMessage() == null ? "truncated" : e.getMessage()));
    } catch (IOException e) {
      throw new RequestBody.BadRequest(400, RejectionCode.BAD_ENCODING, "body is not valid " + coding + ": " + e.getMessage());
    }
  }

  private static InputStream open(String coding, byte[] body) throws IOException {
    ByteArrayInputStream raw = new ByteArrayInputStream(body);
    if (coding.equals("gzip")) {
      return new GZIPInputStream(raw, 8192);
    }
    // RFC 9110's deflate is zlib-wrapped; some clients send a raw deflate stream: tell by the header
    boolean zlib = body.length >= 2 && (body[0] & 0x0F) == 8
        && (((body[0] & 0xFF) << 8) | (body[1] & 0xFF)) % 31 == 0;
    return new InflaterInputStream(raw, new Inflater(!zlib), 8192) {
      @Override
      public void close() throws IOException {
        super.close();
        inf.end();
      }
    };
  }
}
