package io.marquee.server;

import io.javalin.http.Context;
import io.marquee.log.EventLog;
import io.marquee.store.StoreLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: whether the node durably accepts events, and the state of each part.
 *
 * <p>200 while events are durably accepted: {@code status} is {@code ok}, or {@code degraded} when
 * the store's loader is failing (events still reach the log; the store catches up once it recovers).
 * 503 when no event can be accepted: the log's writer stopped ({@code log.state: failed}), the disk
 * refuses writes ({@code disk.state: full}), or the server is draining. Body, e.g.:
 * <pre>{"status":"ok","log":{"state":"ok","error":null},
 *  "loader":{"state":"ok","lagBytes":0,"error":null},"disk":{"state":"ok","freeBytes":123}}</pre>
 * On a node fed from the events topic the loader part also has {@code topic} and {@code
 * partitionLag}: per partition, the events on the topic not yet in the store.
 */
final class Health {
  private final Marquee node;
  private final BooleanSupplier draining;

  Health(Marquee node, BooleanSupplier draining) {
    this.node = node;
    this.draining = draining;
  }

  void handle(Context ctx) {
    Map<String, Object> body = report();
    ctx.status("ok".equals(body.get("status")) || "degraded".equals(body.get("status")) ? 200 : 503)
        .json(body);
  }

  /** The health document; its {@code status} decides the HTTP status. */
  Map<String, Object> report() {
    EventLog log = node.log();
    StoreLoader loader = node.loader();
    String logFailure = log.failure();
    String writeError = log.writeError();
    String loaderError = loader.error();

    Map<String, Object> logPart = new LinkedHashMap<>();
    logPart.put("state", logFailure != null ? "failed" : "ok");
    logPart.put("error", logFailure);

    Map<String, Object> loaderPart = new LinkedHashMap<>();
    loaderPart.put("state", loaderError != null ? "failed" : "ok");
    loaderPart.put("lagBytes", Math.max(0, log.durablePosition() - loader.appliedPosition()));
    loaderPart.put("error", loaderError);
    if (node.topicSource() != null) {
      loaderPart.put("topic", node.topicSource().topic());
      loaderPart.put("partitionLag", loader.sourceLag());
    }

    Map<String, Object> diskPart = new LinkedHashMap<>();
    diskPart.put("state", writeError != null ? "full" : "ok");
    diskPart.put("freeBytes", log.freeBytes());
    diskPart.put("error", writeError);

    String status;
    if (draining.getAsBoolean()) {
      status = "draining";
    } else if (logFailure != null) {
      status = "failed";
    } else if (writeError != null) {
      status = "disk_full";
    } else if (loaderError != null) {
      status = "degraded";
    } else {
      status = "ok";
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("log", logPart);
    body.put("loader", loaderPart);
    body.put("disk", diskPart);
    return body;
  }
}
