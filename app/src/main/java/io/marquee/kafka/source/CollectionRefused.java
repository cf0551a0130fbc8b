package io.marquee.kafka.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's routes on a node that consumes the events topic ({@code serve --source kafka}):
 * {@code POST /v1/batch}, {@code /v1/import} and {@code /v1/{track,identify,page,screen,alias,group}}
 * answer 409 {@code {"success":false,"error":"...","code":"not_a_collector"}}, saying to send events to
 * a collector ({@code serve --sink kafka}). Such a node's store is fed from the topic only: an event
 * it took over HTTP would reach neither the topic nor its store.
 */
public final class CollectionRefused implements Capability {
  static final List<String> PATHS = List.of("/v1/batch", "/v1/import", "/v1/track", "/v1/identify", "/v1/page",
      "/v1/screen", "/v1/alias", "/v1/group");

  @Override
  public String name() {
    return "collect";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    ObjectMapper json = services.get(ObjectMapper.class);
    String topic = services.get(io.marquee.config.Settings.class).string("kafka.topic");
    for (String path : PATHS) {
      routes.post(path, ctx -> refuse(ctx, json, topic));
    }
  }

  private static void refuse(Context ctx, ObjectMapper json, String topic) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", "this node consumes the Kafka topic " + topic + " and takes no events over HTTP:"
        + " send them to a collector (marquee serve --sink kafka)");
    body.put("code", "not_a_collector");
    ctx.status(409).contentType("application/json").result(json.writeValueAsBytes(body));
  }
}
