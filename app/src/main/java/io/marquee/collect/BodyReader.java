package io.marquee.collect;

import io.marquee.core.RejectionCode;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads request bodies without holding a thread while their bytes arrive (servlet non-blocking
 * reads), up to a byte limit, and refuses those that arrive slower than a minimum rate.
 *
 * <p>Why: a blocking read parks a server thread per connection, so a few hundred clients trickling
 * body bytes would take every thread and stall {@code /health} with the rest. Here a waiting body
 * costs only its connection and the bytes received so far (never more than the limit). A body whose
 * average rate since its first byte is wanted falls below {@code minBytesPerSecond} after a grace
 * period is refused with 408 and its connection closed. A truncated or malformed body (a broken
 * chunked encoding, a client that went away) is a 400 with one log line, never a stack trace.
 *
 * <p>Bodies being read hold at most {@code maxBufferedBytes} together (a declared length is
 * reserved up front, a chunked body reserves the limit): past that a new body is refused with 503
 * before a byte is read, so many slow clients with large declared lengths cannot fill the heap.
 */
final class BodyReader implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** Bodies declared up to this many times the limit are read (into nothing) before their 413. */
  private static final int DISCARD_FACTOR = 4;
  private final long minBytesPerSecond;
  private final long maxBufferedBytes;
  private final java.util.concurrent.atomic.AtomicLong buffered = new java.util.concurrent.atomic.AtomicLong();
  private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "body-rate-check");
    t.setDaemon(true);
    return t;
  });

  /**
   * A reader refusing bodies slower than {@code minBytesPerSecond} on average (0: no minimum), with
   * at most {@code maxBufferedBytes} of bodies in memory at once.
   */
  BodyReader(long minBytesPerSecond, long maxBufferedBytes) {
    this.minBytesPerSecond = minBytesPerSecond;
    this.maxBufferedBytes = maxBufferedBytes;
    if (minBytesPerSecond > 0) {
      sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * The whole body of {@code req}, read without blocking; the request must be in async mode (as in
   * a Javalin {@code ctx.future}). Fails with {@link RequestBody.BadRequest}: 413 past {@code limit}
   * bytes, 408 when too slow, 400 when the body is malformed or cut short.
   */
  CompletableFuture<byte[]> read(HttpServletRequest req, int limit, String what) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    long declared = req.getContentLengthLong();
    if (declared > (long) limit * DISCARD_FACTOR) {
      done.completeExceptionally(tooLarge(what, limit));
      return done;
    }
    if (declared > limit) {
      // a little too large: read it into nothing before answering 413, since many clients (the JDK's
      // among them) see a connection closed while they still send as a failure, not as the 413
      return start(req, new Pending(limit, done, what), done);
    }
    long reserved = declared >= 0 ? declared : limit;
    if (buffered.addAndGet(reserved) > maxBufferedBytes) {
      buffered.addAndGet(-reserved);
      done.completeExceptionally(new RequestBody.BadRequest(503, RejectionCode.BODY_BUFFER_FULL,
          "too many request bodies are being read at once; nothing was accepted, retry shortly"));
      return done;
    }
    done.whenComplete((b, e) -> buffered.addAndGet(-reserved));
    return start(req, new Pending(limit, declared, done, what), done);
  }

  private CompletableFuture<byte[]> start(HttpServletRequest req, Pending p, CompletableFuture<byte[]> done) {
    try {
      ServletInputStream in = req.getInputStream();
      p.in = in;
      pending.add(p);
      done.whenComplete((b, e) -> pending.remove(p));
      in.setReadListener(p);
    } catch (IOException | RuntimeException e) {
      done.completeExceptionally(unreadable(e));
    }
    return done;
  }

  static RequestBody.BadRequest tooLarge(String what, int limit) {
    return new RequestBody.BadRequest(413, RejectionCode.TOO_LARGE, what + " is larger than " + (limit / 1000) + " KB");
  }

  private static RequestBody.BadRequest unreadable(Throwable e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    LOG.info("request body unreadable: {}", why.replace('\n', ' '));
    return new RequestBody.BadRequest(400, RejectionCode.UNREADABLE_BODY,
        "the body could not be read (truncated or malformed): " + why);
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Pending p : pending) {
      long elapsed = now - p.started;
      if (elapsed > GRACE_NANOS && p.received < minBytesPerSecond * (elapsed / 1_000_000_000L)) {
        p.fail(new RequestBody.BadRequest(408, RejectionCode.TOO_SLOW, "body arrived slower than " + minBytesPerSecond
            + " bytes per second; the connection is closed"));
      }
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }

  /** One body being read. Callbacks are serialized by the container; {@link #fail} may race them. */
  private static final class Pending implements ReadListener {
    private ServletInputStream in;
    private final int limit;
    /** Whether the body is over the limit already and is read only to be thrown away. */
    private final boolean discard;
    private final String what;
    private final CompletableFuture<byte[]> done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final long started = System.nanoTime();
    private final byte[] exact;
    private final ByteArrayOutputStream grown;
    private final byte[] chunk = new byte[8192];
    private volatile long received;

    Pending(int limit, long declared, CompletableFuture<byte[]> done, String what) {
      this.what = what;
      this.limit = limit;
      this.done = done;
      this.discard = false;
      // the common case: a declared length, read straight into an array of that size
      this.exact = declared >= 0 ? new byte[(int) declared] : null;
      this.grown = declared >= 0 ? null : new ByteArrayOutputStream(8192);
    }

    /** A body declared over the limit, read and thrown away, then refused with 413. */
    Pending(int limit, CompletableFuture<byte[]> done, String what) {
      this.what = what;
      this.limit = limit;
      this.done = done;
      this.discard = true;
      this.exact = null;
      this.grown = null;
    }

    @Override
    public void onDataAvailable() {
      try {
        while (!finished.get() && in.isReady()) {
          if (discard) {
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
              return;
            }
            received += n;
            continue;
          }
          int n = exact != null && received < exact.length
              ? in.read(exact, (int) received, exact.length - (int) received)
              : in.read(chunk, 0, chunk.length);
          if (n < 0) {
            return;
          }
          if (exact != null && received + n > exact.length) {
            fail(new RequestBody.BadRequest(400, RejectionCode.UNREADABLE_BODY, "body is longer than its Content-Length"));
            return;
          }
          if (exact == null) {
            if (received + n > limit) {
              fail(tooLarge(what, limit));
              return;
            }
            grown.write(chunk, 0, n);
          }
          received += n;
        }
      } catch (IOException | RuntimeException e) {
        fail(unreadable(e));
      }
    }

    @Override
    public void onAllDataRead() {
      if (discard) {
        fail(tooLarge(what, limit));
      } else if (exact != null && received < exact.length) {
        fail(new RequestBody.BadRequest(400, RejectionCode.UNREADABLE_BODY, "body is shorter than its Content-Length"));
      } else if (finished.compareAndSet(false, true)) {
        done.complete(exact != null ? exact : grown.toByteArray());
      }
    }

    @Override
    public void onError(Throwable t) {
      fail(unreadable(t));
    }

    void fail(RequestBody.BadRequest why) {
      if (finished.compareAndSet(false, true)) {
        done.completeExceptionally(why);
      }
    }
  }
}
