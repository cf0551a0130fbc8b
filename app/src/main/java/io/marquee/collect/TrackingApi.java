package io.marquee.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.marquee.core.BatchResult;
import io.marquee.core.OverloadedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Segment's HTTP Tracking API: {@code POST /v1/batch}, {@code /v1/track}, {@code /v1/identify},
 * {@code /v1/page}, {@code /v1/screen}, {@code /v1/alias} and {@code /v1/group}.
 *
 * <p>Auth: HTTP Basic with the write key as user name and an empty password, or {@code writeKey} in
 * the body. Status codes: 200 with {@code {"success":true,"accepted":N,"rejected":[{"index","messageId",
 * "error"}]}} once every accepted message is fsynced (duplicates count as accepted); 400 for a body
 * that is not JSON or has no batch, or for an invalid single message; 401 for a missing or unknown
 * write key; 413 for a batch over 500 KB or a single message over 32 KB; 503 with Retry-After when
 * the log cannot keep up, in which case nothing of the request was accepted.
 */
public final class TrackingApi {
  private static final String[] SINGLE_TYPES = {"track", "identify", "page", "screen", "alias", "group"};

  private final Collector collector;
  private final WriteKeys keys;
  private final ObjectMapper json;
  private final int maxBatchBytes;
  private final int maxMessageBytes;
  private final String retryAfter;
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean draining;

  public TrackingApi(Collector collector, WriteKeys keys, ObjectMapper json, int maxBatchBytes,
      int maxMessageBytes, int retryAfterSeconds) {
    this.collector = collector;
    this.keys = keys;
    this.json = json;
    this.maxBatchBytes = maxBatchBytes;
    this.maxMessageBytes = maxMessageBytes;
    this.retryAfter = Integer.toString(retryAfterSeconds);
  }

  /** Registers the endpoints. */
  public void register(RoutesConfig routes) {
    routes.post("/v1/batch", ctx -> handle(ctx, null));
    for (String type : SINGLE_TYPES) {
      routes.post("/v1/" + type, ctx -> handle(ctx, type));
    }
  }

  /** Refuses new requests with 503 and waits until those in flight have been answered. */
  public boolean drain(java.time.Duration timeout) throws InterruptedException {
    draining = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (inFlight) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        inFlight.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  public int inFlight() {
    return inFlight.get();
  }

  private void handle(Context ctx, String singleType) throws IOException {
    if (draining) {
      ctx.header("Retry-After", retryAfter);
      error(ctx, 503, "server is shutting down; nothing was accepted");
      return;
    }
    inFlight.incrementAndGet();
    boolean async = false;
    try {
      async = process(ctx, singleType);
    } finally {
      if (!async) {
        done();
      }
    }
  }

  private void done() {
    if (inFlight.decrementAndGet() == 0) {
      synchronized (inFlight) {
        inFlight.notifyAll();
      }
    }
  }

  /** Handles a request; returns true when its answer is left to a pending future. */
  private boolean process(Context ctx, String singleType) throws IOException {
    String headerKey = basicUser(ctx.header("Authorization"));
    String source = headerKey == null ? null : keys.sourceFor(headerKey);
    if (headerKey != null && source == null) {
      error(ctx, 401, "unknown write key");
      return false;
    }
    int limit = singleType == null ? maxBatchBytes : maxMessageBytes;
    byte[] body = readLimited(ctx, limit);
    if (body == null) {
      collector.stats().rejectRequest("too_large");
      error(ctx, 413, (singleType == null ? "batch" : "message") + " is larger than "
          + (limit / 1000) + " KB");
      return false;
    }
    RequestBody request;
    try {
      request = singleType == null ? RequestBody.batch(json, body) : RequestBody.single(json, body);
    } catch (RequestBody.BadRequest e) {
      collector.stats().rejectRequest("bad_request");
      error(ctx, 400, e.getMessage());
      return false;
    }
    if (source == null) {
      source = keys.sourceFor(request.writeKey);
      if (source == null) {
        collector.stats().rejectRequest("unauthorized");
        error(ctx, 401, request.writeKey == null
            ? "a write key is required: HTTP Basic auth with the key as user name, or writeKey in the body"
            : "unknown write key");
        return false;
      }
    }
    CompletableFuture<BatchResult> result;
    try {
      result = collector.submit(source, request.messages, request.raw(), singleType, request.context,
          request.sentAt, true, request.receivedAt);
    } catch (OverloadedException e) {
      ctx.header("Retry-After", retryAfter);
      error(ctx, 503, "server is busy, nothing was accepted; retry after " + retryAfter + " s");
      return false;
    }
    ctx.future(() -> result.thenAccept(r -> respond(ctx, r, singleType != null))
        .whenComplete((ok, failure) -> done()));
    return true;
  }

  private void respond(Context ctx, BatchResult r, boolean single) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean failed = single && r.accepted() == 0;
    out.put("success", !failed);
    out.put("accepted", r.accepted());
    out.put("rejected", r.rejected());
    if (failed) {
      out.put("error", r.rejected().get(0).error());
    }
    ctx.status(failed ? 400 : 200);
    write(ctx, out);
  }

  private void error(Context ctx, int status, String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", false);
    out.put("error", message);
    ctx.status(status);
    write(ctx, out);
  }

  private void write(Context ctx, Object body) {
    try {
      ctx.contentType("application/json").result(json.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The body, or null when it is longer than {@code limit} bytes. */
  private static byte[] readLimited(Context ctx, int limit) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      return null;
    }
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared >= 0) {
        // the common case: read straight into an array of the declared size, no regrowing
        byte[] b = new byte[(int) declared];
        int n = in.readNBytes(b, 0, b.length);
        return n == b.length && in.read() == -1 ? b : n < b.length ? java.util.Arrays.copyOf(b, n) : null;
      }
      byte[] b = in.readNBytes(limit + 1);
      return b.length > limit ? null : b;
    }
  }

  /** The user name of an HTTP Basic credential, or null when the header is absent or not Basic. */
  static String basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon >= 0 ? decoded.substring(0, colon) : decoded;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
