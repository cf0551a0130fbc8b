package io.marquee.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.marquee.config.Settings;
import io.marquee.core.BatchResult;
import io.marquee.core.OverloadedException;
import io.marquee.core.Rejection;
import io.marquee.core.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Segment's HTTP Tracking API: {@code POST /v1/batch} (also {@code /v1/import}, Segment's name for
 * it), {@code /v1/track}, {@code /v1/identify}, {@code /v1/page}, {@code /v1/screen}, {@code
 * /v1/alias} and {@code /v1/group}; a trailing slash is accepted on each. Browsers may call them
 * cross-origin: {@code OPTIONS} answers the CORS preflight and every answer allows any origin.
 *
 * <p>Auth: HTTP Basic with the write key as user name and an empty password, checked before a byte
 * of the body is read (401 at once for an unknown key), or {@code writeKey} in the body. A body
 * without a key in the header is read (within the byte limit, by at most {@code
 * server.max-unauthenticated} requests at a time; past that 503 with Retry-After), scanned shallowly
 * for its {@code writeKey}, and parsed only once the key is known good.
 *
 * <p>Bodies may be gzip or deflate ({@code Content-Encoding}); the limits apply to the inflated
 * body too. Status codes: 200 with {@code {"success":true,"accepted":N,"rejected":[{"index",
 * "messageId","error","code"}],"rejectedCount":M}} once every accepted message is fsynced (duplicates count
 * as accepted; at most the first 100 rejections are listed, {@code rejectedCount} has them all);
 * 400 for a body that is not strict JSON in UTF-8 or has no batch, or for an invalid single message;
 * 401 for a missing or unknown write key; 408 for a body slower than {@code server.min-data-rate};
 * 413 for a batch over 500 KB (inflated or not), a single message over 32 KB or more than {@code
 * collect.max-batch-messages} messages; 415 for an unknown Content-Encoding; 503 with Retry-After
 * when the log cannot keep up, in which case nothing of the request was accepted. Every refusal is
 * {@code {"success":false,"error":"...","code":"..."}}: the error names the reason, the code is its
 * stable {@link RejectionCode}, as in each listed rejection.
 */
public final class TrackingApi implements java.io.Closeable {
  private static final String[] SINGLE_TYPES = {"track", "identify", "page", "screen", "alias", "group"};
  /** Most rejections listed in a response; the count covers the rest. */
  static final int MAX_LISTED_REJECTIONS = 100;

  private final Collector collector;
  private final WriteKeys keys;
  private final ObjectMapper json;
  private final int maxBatchBytes;
  private final int maxMessageBytes;
  private final int maxBatchMessages;
  private final String retryAfter;
  private final Semaphore unauthenticated;
  private final BodyReader reader;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;

  /**
   * The API over {@code collector}, with its limits from {@code settings}: {@code
   * collect.max-batch-bytes}, {@code collect.max-message-bytes}, {@code collect.max-batch-messages},
   * {@code collect.retry-after-seconds}, {@code server.max-unauthenticated}, {@code
   * server.min-data-rate} and {@code server.max-body-buffer-bytes}.
   */
  public TrackingApi(Collector collector, WriteKeys keys, ObjectMapper json, Settings settings) {
    this.collector = collector;
    this.keys = keys;
    this.json = json;
    this.maxBatchBytes = settings.intValue("collect.max-batch-bytes");
    this.maxMessageBytes = settings.intValue("collect.max-message-bytes");
    this.maxBatchMessages = settings.intValue("collect.max-batch-messages");
    this.retryAfter = Integer.toString(settings.intValue("collect.retry-after-seconds"));
    this.unauthenticated = new Semaphore(settings.intValue("server.max-unauthenticated"));
    this.reader = new BodyReader(settings.longValue("server.min-data-rate"),
        settings.longValue("server.max-body-buffer-bytes"));
  }

  /** Registers the endpoints and their CORS preflights. */
  public void register(RoutesConfig routes) {
    for (String path : new String[] {"/v1/batch", "/v1/import"}) {
      routes.post(path, ctx -> handle(ctx, null));
      routes.options(path, TrackingApi::preflight);
    }
    for (String type : SINGLE_TYPES) {
      routes.post("/v1/" + type, ctx -> handle(ctx, type));
      routes.options("/v1/" + type, TrackingApi::preflight);
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

  @Override
  public void close() {
    reader.close();
  }

  private static void preflight(Context ctx) {
    allowOrigin(ctx);
    ctx.header("Access-Control-Allow-Methods", "POST, OPTIONS");
    ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Content-Encoding");
    ctx.header("Access-Control-Max-Age", "86400");
    ctx.status(204);
  }

  private static void allowOrigin(Context ctx) {
    // write keys are public (they ship in web pages), so any origin may send; no credentials
    ctx.header("Access-Control-Allow-Origin", "*");
  }

  private void handle(Context ctx, String singleType) {
    allowOrigin(ctx);
    if (draining) {
      ctx.header("Retry-After", retryAfter);
      error(ctx, 503, RejectionCode.SHUTTING_DOWN, "server is shutting down; nothing was accepted");
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

  /** Why a key was refused, naming the kind of key collection takes when another kind was sent. */
  static String unknownKey(String key) {
    return key.startsWith("mq_")
        ? "that API key (mq_...) is unknown, revoked or has no write role; collection takes a write key (wk_...) "
            + "or an API key with the write role"
        : "unknown write key";
  }

  /** Handles a request; returns true when its answer is left to a pending future. */
  private boolean process(Context ctx, String singleType) {
    String headerKey = basicUser(ctx.header("Authorization"));
    String source = headerKey == null ? null : keys.sourceFor(headerKey);
    if (headerKey != null && source == null) {
      error(ctx, 401, RejectionCode.UNAUTHORIZED, unknownKey(headerKey));
      return false;
    }
    ContentCoding coding;
    try {
      coding = ContentCoding.of(ctx.header("Content-Encoding"));
    } catch (RequestBody.BadRequest e) {
      refuse(ctx, e);
      return false;
    }
    Permit permit = new Permit(source == null ? unauthenticated : null);
    if (source == null && !unauthenticated.tryAcquire()) {
      ctx.header("Retry-After", retryAfter);
      error(ctx, 503, RejectionCode.UNAUTHENTICATED_LIMIT,
          "too many requests without a write key in the Authorization header at once; "
          + "retry after " + retryAfter + " s, or send the key as HTTP Basic auth");
      return false;
    }
    int limit = singleType == null ? maxBatchBytes : maxMessageBytes;
    String knownSource = source;
    String what = singleType == null ? "batch" : "message";
    ctx.future(() -> reader.read(ctx.req(), limit, what)
        .thenCompose(raw -> accept(ctx, singleType, knownSource, coding, raw, limit, permit))
        .exceptionally(failure -> {
          permit.release();
          Throwable cause = failure instanceof java.util.concurrent.CompletionException
              && failure.getCause() != null ? failure.getCause() : failure;
          if (cause instanceof RequestBody.BadRequest bad) {
            refuse(ctx, bad);
          } else if (cause instanceof OverloadedException) {
            // the log refused the write after taking it (a full disk): as a full queue, 503
            ctx.header("Retry-After", retryAfter);
            error(ctx, 503, RejectionCode.OVERLOADED, "the server cannot store events now ("
                + cause.getMessage() + "); retry after "
                + retryAfter + " s; nothing was accepted");
          } else {
            error(ctx, 500, RejectionCode.INTERNAL_ERROR, "internal error; nothing was accepted");
            org.slf4j.LoggerFactory.getLogger(TrackingApi.class).error("request failed", cause);
          }
          return null;
        })
        .whenComplete((ok, failure) -> done()));
    return true;
  }

  /** The rest of a request once its body is in: decode, authenticate, parse, submit. */
  private CompletableFuture<Void> accept(Context ctx, String singleType, String knownSource,
      ContentCoding coding, byte[] raw, int limit, Permit permit) {
    RequestBody request;
    String source = knownSource;
    try {
      byte[] body = coding.isIdentity() ? raw
          : coding.decode(raw, limit, singleType == null ? "batch" : "message");
      Utf8.check(body);
      if (source == null) {
        String key = RequestBody.writeKeyOf(RequestBody.ENVELOPE, body);
        source = keys.sourceFor(key);
        permit.release();
        if (source == null) {
          error(ctx, 401, RejectionCode.UNAUTHORIZED, key == null
              ? "a write key is required: HTTP Basic auth with the key as user name, or writeKey in the body"
              : unknownKey(key));
          return CompletableFuture.completedFuture(null);
        }
      }
      request = singleType == null
          ? RequestBody.batch(RequestBody.ENVELOPE, body, maxBatchMessages)
          : RequestBody.single(RequestBody.ENVELOPE, body);
    } catch (RequestBody.BadRequest e) {
      permit.release();
      refuse(ctx, e);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<BatchResult> result;
    try {
      result = collector.submit(source, request.messages, request.raw(), singleType, request.context,
          request.sentAt, true, request.receivedAt);
    } catch (OverloadedException e) {
      ctx.header("Retry-After", retryAfter);
      error(ctx, 503, RejectionCode.OVERLOADED, "server is busy, nothing was accepted; retry after " + retryAfter + " s");
      return CompletableFuture.completedFuture(null);
    }
    return result.thenAccept(r -> respond(ctx, r, singleType != null));
  }

  private void refuse(Context ctx, RequestBody.BadRequest e) {
    if (e.status == 503) {
      ctx.header("Retry-After", retryAfter);
    }
    if (e.status == 408 || e.status == 413) {
      // the rest of the body is not worth reading: drop the connection after the answer
      ctx.header("Connection", "close");
    }
    error(ctx, e.status, e.code, e.getMessage());
  }

  private void respond(Context ctx, BatchResult r, boolean single) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean failed = single && r.accepted() == 0;
    out.put("success", !failed);
    out.put("accepted", r.accepted());
    List<Rejection> rejected = r.rejected();
    out.put("rejected", rejected.size() > MAX_LISTED_REJECTIONS
        ? rejected.subList(0, MAX_LISTED_REJECTIONS) : rejected);
    out.put("rejectedCount", rejected.size());
    if (failed) {
      out.put("error", rejected.get(0).error());
      out.put("code", rejected.get(0).code());
    }
    ctx.status(failed ? 400 : 200);
    write(ctx, out);
  }

  /**
   * Refuses the request as a whole: {@code {"success":false,"error":message,"code":code}}, counted
   * under the code in {@code marquee_events_rejected_total}. Every refusal of the API comes here.
   */
  private void error(Context ctx, int status, RejectionCode code, String message) {
    collector.stats().reject(code);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", false);
    out.put("error", message);
    out.put("code", code.code());
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

  /** A permit of the unauthenticated-request cap, released once whatever happens. */
  private static final class Permit {
    private final Semaphore of;
    private final java.util.concurrent.atomic.AtomicBoolean released =
        new java.util.concurrent.atomic.AtomicBoolean();

    Permit(Semaphore of) {
      this.of = of;
    }

    void release() {
      if (of != null && released.compareAndSet(false, true)) {
        of.release();
      }
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
