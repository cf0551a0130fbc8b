package io.marquee.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One HTTP request posting a batch of heartbeats to {@code /v1/batch}, rendered once as bytes with
 * fixed-width fields; {@link #patch} turns a copy into the request of any batch number by writing
 * digits in place, with no JSON library and no allocation.
 *
 * <p>Batch {@code b} holds events {@code b * viewers} to {@code b * viewers + size - 1}, one per
 * viewer, so a full batch ({@code size == viewers}) carries one heartbeat of every viewer and a
 * shorter last batch the first {@code size} of them.
 */
final class BatchTemplate {

  private final Heartbeats events;
  private final int size;
  private final byte[] request;
  private final int bodyOffset;
  private final int[] idAt;
  private final int[] positionAt;
  private final int[] timestampAt;

  /**
   * Renders the request.
   *
   * @param size events in the batch, at most {@code events.viewers()}
   * @param host value of the Host header, {@code host:port}
   * @param path request target, normally {@code /v1/batch}
   * @param writeKey the source's write key, sent as the Basic auth user name
   */
  BatchTemplate(Heartbeats events, int size, String host, String path, String writeKey) {
    if (size < 1 || size > events.viewers()) {
      throw new IllegalArgumentException(
          "batch size must be 1 to " + events.viewers() + ", got " + size);
    }
    this.events = events;
    this.size = size;
    idAt = new int[size];
    positionAt = new int[size];
    timestampAt = new int[size];
    StringBuilder body = new StringBuilder(size * 340 + 16).append("{\"batch\":[");
    int[] marks = new int[3];
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        body.append(',');
      }
      events.appendTemplateJson(body, i, marks);
      idAt[i] = marks[0];
      positionAt[i] = marks[1];
      timestampAt[i] = marks[2];
    }
    body.append("]}");
    byte[] bodyBytes = body.toString().getBytes(StandardCharsets.US_ASCII);
    String auth =
        Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\n"
                + "Host: "
                + host
                + "\r\n"
                + "Authorization: Basic "
                + auth
                + "\r\n"
                + "Content-Type: application/json\r\n"
                + "User-Agent: marquee-bench/"
                + Heartbeats.LIBRARY_VERSION
                + "\r\n"
                + "Content-Length: "
                + bodyBytes.length
                + "\r\n"
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8);
    bodyOffset = head.length;
    request = new byte[head.length + bodyBytes.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(bodyBytes, 0, request, bodyOffset, bodyBytes.length);
    for (int i = 0; i < size; i++) {
      idAt[i] += bodyOffset;
      positionAt[i] += bodyOffset;
      timestampAt[i] += bodyOffset;
    }
  }

  /** Events in the batch. */
  int size() {
    return size;
  }

  /** Bytes of the JSON body, the same for every batch number. */
  int bodyLength() {
    return request.length - bodyOffset;
  }

  /** Where the body starts in a request. */
  int bodyOffset() {
    return bodyOffset;
  }

  /** A fresh copy of the request bytes, for one worker to {@link #patch} and send. */
  byte[] newRequest() {
    return request.clone();
  }

  /** Rewrites a copy made by {@link #newRequest} into the request of batch {@code batchNumber}. */
  void patch(byte[] copy, long batchNumber) {
    long first = batchNumber * events.viewers();
    for (int i = 0; i < size; i++) {
      long n = first + i;
      Digits.writeZeroPadded(copy, idAt[i], Heartbeats.ID_DIGITS, n);
      Digits.writeSpacePadded(copy, positionAt[i], Heartbeats.POSITION_WIDTH, events.position(n));
      Digits.writeIsoMillis(copy, timestampAt[i], events.timestampMillis(n));
    }
  }
}
