package io.marquee.testing;

import io.marquee.config.Settings;
import io.marquee.server.HttpServer;
import io.marquee.server.Marquee;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** A started node on a temp data dir with its HTTP server on a free port, and a client for it. */
public final class TestNode implements AutoCloseable {
  public static final String WRITE_KEY = "test-write-key";

  public final Marquee node;
  public final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private TestNode(Marquee node, HttpServer server) {
    this.node = node;
    this.server = server;
  }

  public static TestNode start(Path dataDir) throws IOException {
    return start(dataDir, Settings.defaults());
  }

  public static TestNode start(Path dataDir, Settings settings) throws IOException {
    return start(dataDir, settings, null);
  }

  /** A node with a vault under the given master key. */
  public static TestNode start(Path dataDir, Settings settings, io.marquee.vault.MasterKey master)
      throws IOException {
    Marquee node = Marquee.open(dataDir, settings, "test node", master);
    node.writeKeys().add(WRITE_KEY);
    return new TestNode(node, HttpServer.start(node, "127.0.0.1", 0));
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  public HttpResponse<String> post(String path, String body, String writeKey) throws Exception {
    return post(path, body.getBytes(StandardCharsets.UTF_8), writeKey);
  }

  public HttpResponse<String> post(String path, byte[] body, String writeKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (writeKey != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (writeKey + ":").getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A request with a Bearer API key (or none when {@code apiKey} is null). */
  public HttpResponse<String> call(String method, String path, String apiKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).method(method,
        HttpRequest.BodyPublishers.noBody());
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request with a JSON body and a Bearer API key. */
  public HttpResponse<String> call(String method, String path, String body, String apiKey) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url(path)))
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The rows of a query over the store, each value as text, once the store holds everything logged. */
  public java.util.List<java.util.List<String>> rows(String sql) throws Exception {
    awaitStore();
    java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
    try (java.sql.Connection c = node.store().readConnection(); java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        java.util.List<String> row = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Waits until the store holds everything the log has. */
  public void awaitStore() throws Exception {
    node.awaitStore(Duration.ofSeconds(60));
  }

  @Override
  public void close() throws IOException {
    server.close();
    node.close();
  }
}
