package io.marquee.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.config.RoutesConfig;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.config.Settings;
import io.marquee.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registration seam end to end: a capability handed to the server serves its routes from the
 * node's services, offers services to the capabilities after it, and stops with the server; the
 * default list registers every capability of the platform.
 */
class CapabilityRegistrationIT {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A capability as the next issue's would be: one route, answered from the store. */
  private static final class Counting implements Capability {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public void routes(RoutesConfig routes, Services services) {
      Store store = services.get(Store.class);
      services.offer(StringBuilder.class, new StringBuilder("offered by counting"));
      services.onStop(() -> closed.set(true));
      routes.get("/v1/counting/events", ctx -> {
        try (Connection c = store.readConnection(); ResultSet r = c.createStatement()
            .executeQuery("SELECT count(*) FROM events")) {
          r.next();
          ctx.result(Long.toString(r.getLong(1)));
        }
      });
    }
  }

  /** A capability built on what an earlier one offered. */
  private static final class Reading implements Capability {
    @Override
    public String name() {
      return "reading";
    }

    @Override
    public void routes(RoutesConfig routes, Services services) {
      String offered = services.get(StringBuilder.class).toString();
      routes.get("/v1/reading", ctx -> ctx.result(offered));
    }
  }

  private HttpResponse<String> get(HttpServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCapabilityInTheList_servesItsRoutesFromTheNodesServices_andStopsWithTheServer() throws Exception {
    Counting counting = new Counting();
    try (Marquee node = Marquee.open(dir, Settings.defaults(), "test")) {
      HttpServer server = HttpServer.start(node, "127.0.0.1", 0, List.of(counting, new Reading()));
      try {
        assertThat(get(server, "/v1/counting/events").body()).isEqualTo("0");
        assertThat(get(server, "/v1/reading").body()).isEqualTo("offered by counting");
        assertThat(server.service(StringBuilder.class)).hasToString("offered by counting");
        assertThat(get(server, "/v1/batch").statusCode()).as("collect is not in this list").isEqualTo(404);
        assertThat(get(server, "/health").statusCode()).isEqualTo(200);
        assertThat(node.services().find(StringBuilder.class)).as("offered in the server's scope only").isEmpty();
      } finally {
        server.close();
      }
      assertThat(counting.closed).isTrue();
    }
  }

  @Test
  void aCapabilityFailingToRegister_isNamed_andWhatEarlierOnesStartedIsClosed() throws Exception {
    Counting counting = new Counting();
    Capability broken = new Capability() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public void routes(RoutesConfig routes, Services services) {
        services.get(Integer.class);
      }
    };
    try (Marquee node = Marquee.open(dir, Settings.defaults(), "test")) {
      assertThatThrownBy(() -> HttpServer.start(node, "127.0.0.1", 0, List.of(counting, broken)))
          .hasMessageContaining("capability broken failed to register")
          .hasMessageContaining("no Integer service");
      assertThat(counting.closed).isTrue();
      HttpServer again = HttpServer.start(node, "127.0.0.1", 0, List.of(new Counting()));
      again.close();
    }
  }

  @Test
  void theDefaultList_registersEveryCapability_withDistinctNames() throws Exception {
    List<Capability> all = Capabilities.all();
    assertThat(all).extracting(Capability::name)
        .containsExactly("collect", "privacy", "recommend", "catalog", "query", "insights", "audiences", "exports",
            "releases", "dashboard", "access", "control");
    assertThat(new HashSet<>(all.stream().map(Capability::name).toList())).hasSize(all.size());
    try (Marquee node = Marquee.open(dir, Settings.defaults(), "test")) {
      HttpServer server = HttpServer.start(node, "127.0.0.1", 0);
      try {
        // one route of each: answered by its capability (401: it wants a key), not 404
        assertThat(get(server, "/v1/profiles/u1").statusCode()).isEqualTo(401);
        assertThat(get(server, "/v1/users/u1/recommendations").statusCode()).isEqualTo(401);
        assertThat(get(server, "/v1/titles/t1").statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
            + "/v1/admin/master-key")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
            + "/v1/batch")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(server.recommendations()).isNotNull();
      } finally {
        server.close();
      }
    }
  }

  @Test
  void aSecondServerOnTheSameNode_registersEveryCapabilityToo() throws Exception {
    try (Marquee node = Marquee.open(dir, Settings.defaults(), "test")) {
      HttpServer first = HttpServer.start(node, "127.0.0.1", 0);
      first.close();
      // the query capability locks the store down once per node, not once per server
      HttpServer second = HttpServer.start(node, "127.0.0.1", 0);
      try {
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/v1/sql"))
            .POST(HttpRequest.BodyPublishers.ofString("SELECT 1")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      } finally {
        second.close();
      }
    }
  }
}
