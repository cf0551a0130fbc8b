package io.marquee.recommend;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.marquee.access.Authorization;
import io.marquee.access.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Retraining a running server's recommendations on request, for an API key of role {@code admin}
 * ({@code Authorization: Bearer KEY}); {@code marquee train --url URL --api-key KEY} uses it.
 *
 * <ul>
 *   <li>{@code POST /v1/admin/recommendations/train}: starts a training on the store as it is now
 *       and answers 202 at once; while one asked for this way is still running, answers 202 with
 *       that one instead of starting another. The new set is saved in {@code models/} and served
 *       as soon as it is trained.
 *   <li>{@code GET /v1/admin/recommendations/train}: the latest such training; 404 when none was
 *       asked for since the server started.
 * </ul>
 *
 * Both answer {@code {"state": "running" | "done" | "failed", "requested_at"}}, and once done
 * {@code "finished_at", "seconds", "trained_at", "users", "items", "interactions"}, or once failed
 * {@code "error"}. 401 without a valid key; 403 for a key below {@code admin}.
 */
final class TrainingApi {
  static final String PATH = "/v1/admin/recommendations/train";

  private final RecommendationService service;
  private final Authorization auth;

  TrainingApi(RecommendationService service, Authorization auth) {
    this.service = service;
    this.auth = auth;
  }

  void register(RoutesConfig routes) {
    routes.post(PATH, this::start);
    routes.get(PATH, this::status);
  }

  private void start(Context ctx) {
    auth.require(ctx, Role.ADMIN);
    ctx.status(202).json(describe(service.requestTraining()));
  }

  private void status(Context ctx) {
    auth.require(ctx, Role.ADMIN);
    service.lastRequested().ifPresentOrElse(t -> ctx.json(describe(t)), () -> ctx.status(404)
        .json(Map.of("error", "no training was requested since the server started; POST " + PATH)));
  }

  static Map<String, Object> describe(RecommendationService.Training t) {
    Map<String, Object> out = new LinkedHashMap<>();
    Instant finished = t.finishedAt();
    if (!t.model().isDone()) { // done implies finishedAt: it is set by the stage the future completes through
      out.put("state", "running");
      out.put("requested_at", t.requestedAt().toString());
      return out;
    }
    try {
      TrainedModel model = t.model().join();
      out.put("state", "done");
      out.put("requested_at", t.requestedAt().toString());
      out.put("finished_at", finished.toString());
      out.put("seconds", Duration.between(t.requestedAt(), finished).toMillis() / 1000.0);
      out.put("trained_at", Instant.ofEpochSecond(model.trainedAt()).toString());
      out.put("users", model.userCount());
      out.put("items", model.itemCount());
      out.put("interactions", model.data().interactions().size());
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      out.put("state", "failed");
      out.put("requested_at", t.requestedAt().toString());
      out.put("finished_at", finished.toString());
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      out.put("error", cause.getMessage() != null ? cause.getMessage() : cause.toString());
    }
    return out;
  }
}
