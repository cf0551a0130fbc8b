package io.marquee.releases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.marquee.access.Authorization;
import io.marquee.access.RequestJson;
import io.marquee.access.Principal;
import io.marquee.access.Role;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/releases} (role {@code marketer} or above): a differentially private release of a
 * title's or an audience's figures for a partner or an agency ({@link ReleaseRequest} for the body,
 * {@link Releaser} for the answer). 200 with the noisy figures; 400 naming a bad parameter; 404 for
 * an unknown title or audience, or audiences not served by this node (the reason named); 409 when
 * the subject's budget has less than the epsilon left, with {@code remaining}.
 */
final class ReleasesApi {
  private final Releaser releaser;
  private final Authorization auth;
  private final ObjectMapper json;
  private final Clock clock;

  ReleasesApi(Releaser releaser, Authorization auth, ObjectMapper json, Clock clock) {
    this.releaser = releaser;
    this.auth = auth;
    this.json = json;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.post("/v1/releases", this::release);
  }

  private void release(Context ctx) throws IOException, SQLException {
    Principal who = auth.require(ctx, Role.MARKETER);
    JsonNode body = RequestJson.object(ctx, json,
        "{\"subject\", \"epsilon\", \"figures\", \"from\", \"to\"}");
    ReleaseRequest request = ReleaseRequest.parse(body, releaser.budget(), clock);
    Map<String, Object> answer;
    try {
      answer = releaser.release(request, who.actor());
    } catch (Releaser.NoSubjectException e) {
      ctx.status(404).contentType("application/json").result(json.writeValueAsString(Map.of("error", e.getMessage())));
      return;
    } catch (BudgetLedger.BudgetSpentException e) {
      Map<String, Object> refused = new LinkedHashMap<>();
      refused.put("error", e.getMessage());
      refused.put("subject", request.subject());
      refused.put("epsilon", request.epsilon().toString());
      refused.put("remaining", e.remaining.toString());
      refused.put("remaining_decimal", e.remaining.toDouble());
      ctx.status(409).contentType("application/json").result(json.writeValueAsString(refused));
      return;
    }
    ctx.contentType("application/json").result(json.writeValueAsString(answer));
  }
}
