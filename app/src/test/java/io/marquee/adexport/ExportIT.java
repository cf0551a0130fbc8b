package io.marquee.adexport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.access.Role;
import io.marquee.audiences.AudienceMembers;
import io.marquee.config.Settings;
import io.marquee.server.Capabilities;
import io.marquee.server.HttpServer;
import io.marquee.server.Marquee;
import io.marquee.testing.DataFiles;
import io.marquee.vault.MasterKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audience exports through HTTP on a node with a vault: identify events carry e-mail, phone, names
 * and birthdays; the audience's members come from an in-test {@link AudienceMembers} (the audiences
 * capability is left out of this node so that the test decides who the members are).
 *
 * <p>The data set, by hand: 130 adults (born 1990) who opted in to {@code marketing}, 5 minors (born
 * 2015) who opted in, 3 of unknown age who opted in, 4 adults who never chose. Audience {@code big}
 * holds all 142; an export to an ad platform sends 130 and leaves out 5 + 3 + 4.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRITE_KEY = "export-it-write-key";
  private static final Map<String, List<String>> AUDIENCES = new ConcurrentHashMap<>();
  private static final List<String> ADULTS = new ArrayList<>();
  private static final List<String> MINORS = new ArrayList<>();
  private static final List<String> UNKNOWN_AGE = new ArrayList<>();
  private static final List<String> NEVER_CHOSE = new ArrayList<>();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir static Path dataDir;
  private static Marquee node;
  private static HttpServer server;
  private static String marketer;
  private static String analyst;
  private static String admin;

  private static String email(String id) {
    return "Mail." + id + "@Example.COM";
  }

  private static String phone(int i) {
    return String.format("06 12 34 %02d %02d", i / 100, i % 100);
  }

  private static String lastName(int i) {
    return "Dupré-" + (char) ('a' + i % 26) + "xyzzy" + i;
  }

  @BeforeAll
  static void start() throws Exception {
    node = Marquee.open(dataDir, Settings.defaults(), "export IT", MasterKey.generate());
    node.writeKeys().add(WRITE_KEY);
    node.services().offer(AudienceMembers.class, id -> Optional.ofNullable(AUDIENCES.get(id))
        .map(ids -> new AudienceMembers.Members(id, id, ids.stream().sorted().toList(), Instant.now())));
    server = HttpServer.start(node, "127.0.0.1", 0,
        Capabilities.all().stream().filter(c -> !c.name().equals("audiences")).toList());
    marketer = node.apiKeys().create(Role.MARKETER, "test");
    analyst = node.apiKeys().create(Role.ANALYST, "test");
    admin = node.apiKeys().create(Role.ADMIN, "test");
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 142; i++) {
      String id = String.format("u%03d", i);
      String birthday;
      String consent;
      if (i < 130) {
        ADULTS.add(id);
        birthday = "1990-03-0" + (1 + i % 9);
        consent = "true";
      } else if (i < 135) {
        MINORS.add(id);
        birthday = "2015-06-01";
        consent = "true";
      } else if (i < 138) {
        UNKNOWN_AGE.add(id);
        birthday = null;
        consent = "true";
      } else {
        NEVER_CHOSE.add(id);
        birthday = "1980-01-01";
        consent = null;
      }
      messages.add("{\"type\":\"identify\",\"userId\":\"" + id + "\",\"messageId\":\"m" + id + "\",\"traits\":{"
          + "\"email\":\"" + email(id) + "\",\"phone\":\"" + phone(i) + "\",\"firstName\":\" Élodie \","
          + "\"lastName\":\"" + lastName(i) + "\",\"gender\":\"female\",\"country\":\"FR\",\"postalCode\":\"75 011\""
          + (birthday == null ? "" : ",\"birthday\":\"" + birthday + "\"") + "}"
          + (consent == null ? "" : ",\"context\":{\"consent\":{\"categoryPreferences\":{\"marketing\":" + consent
              + "}}}") + "}");
    }
    for (int from = 0; from < messages.size(); from += 50) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/v1/batch")))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((WRITE_KEY + ":")
              .getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"batch\":[" + String.join(",",
              messages.subList(from, Math.min(messages.size(), from + 50))) + "]}")));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    node.awaitStore(Duration.ofSeconds(60));
    List<String> all = new ArrayList<>(ADULTS);
    all.addAll(MINORS);
    all.addAll(UNKNOWN_AGE);
    all.addAll(NEVER_CHOSE);
    AUDIENCES.put("big", all);
    AUDIENCES.put("small", ADULTS.subList(0, 99));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    node.close();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> export(String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return send(b);
  }

  private static List<String> auditLines() throws Exception {
    return Files.readAllLines(dataDir.resolve("audit").resolve("audit.log")).stream()
        .filter(l -> l.contains("\"action\":\"export\"")).toList();
  }

  @Test
  @Order(1)
  void aGoogleExport_sendsTheAdultsWhoOptedIn_hashedAsGoogleMatches_andSaysWhoWasLeftOut() throws Exception {
    HttpResponse<String> r = export("/v1/audiences/big/exports?format=google", marketer);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition")).hasValue(
        "attachment; filename=\"audience-big-google.csv\"");
    assertThat(r.headers().firstValue("X-Marquee-Export-Exported")).hasValue("130");
    assertThat(r.headers().firstValue("X-Marquee-Export-Left-Out-Minors")).hasValue("5");
    assertThat(r.headers().firstValue("X-Marquee-Export-Left-Out-Unknown-Age")).hasValue("3");
    assertThat(r.headers().firstValue("X-Marquee-Export-Left-Out-No-Opt-In")).hasValue("4");
    List<String> lines = r.body().lines().toList();
    assertThat(lines).hasSize(131);
    assertThat(lines.get(0)).isEqualTo("Email,Phone,First Name,Last Name,Country,Zip");
    // u007: mail.u007@example.com, +33612340007, élodie, dupré-hxyzzy7 (by hand, trimmed and lower-cased)
    assertThat(lines.get(8)).isEqualTo(String.join(",", Normalize.sha256("mail.u007@example.com"),
        Normalize.sha256("+33612340007"), Normalize.sha256("élodie"), Normalize.sha256("dupré-hxyzzy7"), "FR",
        "75 011"));
    String body = r.body();
    for (String left : List.of(MINORS.get(0), UNKNOWN_AGE.get(0), NEVER_CHOSE.get(0))) {
      assertThat(body).doesNotContain(Normalize.sha256(email(left).toLowerCase()));
    }
    List<String> audit = auditLines();
    assertThat(audit).hasSize(1);
    JsonNode entry = JSON.readTree(audit.get(0));
    assertThat(entry.get("actor").asText()).startsWith("key:");
    assertThat(entry.get("details").get("audience").asText()).isEqualTo("big");
    assertThat(entry.get("details").get("format").asText()).isEqualTo("google");
    assertThat(entry.get("details").get("exported").asText()).isEqualTo("130");
    assertThat(entry.get("details").get("left_out_minors").asText()).isEqualTo("5");
  }

  @Test
  @Order(2)
  void aMetaExport_hashesEveryCell_withTheBirthYearFromTheBirthday() throws Exception {
    HttpResponse<String> r = export("/v1/audiences/big/exports?format=meta", admin);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> lines = r.body().lines().toList();
    assertThat(lines).hasSize(131);
    assertThat(lines.get(0)).isEqualTo("EMAIL,PHONE,FN,LN,GEN,DOBY,ZIP,COUNTRY");
    assertThat(lines.get(8)).isEqualTo(String.join(",", Normalize.sha256("mail.u007@example.com"),
        Normalize.sha256("33612340007"), Normalize.sha256("élodie"), Normalize.sha256("dupréhxyzzy7"),
        Normalize.sha256("f"), Normalize.sha256("1990"), Normalize.sha256("75011"), Normalize.sha256("fr")));
  }

  @Test
  @Order(3)
  void userIds_listsEveryMember_oneALine() throws Exception {
    HttpResponse<String> r = export("/v1/audiences/big/exports?format=user-ids", marketer);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body().lines().toList()).hasSize(142).startsWith("u000", "u001").contains("u131", "u141");
  }

  @Test
  @Order(4)
  void anExportBelow100Members_isRefusedWithTheReason_andNotAudited() throws Exception {
    int before = auditLines().size();
    HttpResponse<String> r = export("/v1/audiences/small/exports?format=google", marketer);

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("would send 99 members").contains("at least 100");
    assertThat(auditLines()).hasSize(before);
  }

  @Test
  @Order(5)
  void noPlaintextPersonalField_reachedAnyFileOfTheDataDir() throws Exception {
    List<String> needles = new ArrayList<>(List.of("Élodie", "élodie", "75 011", "1990-03-0", "2015-06-01",
        "+33612340007", "06 12 34 00 07"));
    for (int i = 0; i < 142; i += 7) {
      String id = String.format("u%03d", i);
      needles.add(email(id));
      needles.add(email(id).toLowerCase());
      needles.add(lastName(i));
    }
    assertThat(DataFiles.containing(dataDir, needles.toArray(String[]::new))).isEmpty();
  }

  @Test
  @Order(6)
  void removals_listTheMembersWhoLeftSinceTheLastExport_andCountThoseErasedMeanwhile() throws Exception {
    List<String> now = new ArrayList<>(AUDIENCES.get("big"));
    List<String> left = List.of("u010", "u011", "u012");
    now.removeAll(left);
    now.remove("u020");
    AUDIENCES.put("big", now);
    HttpResponse<String> erased = send(HttpRequest.newBuilder(URI.create(url("/v1/privacy/users/u020")))
        .header("Authorization", "Bearer " + admin).DELETE());
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
    String request = JSON.readTree(erased.body()).get("request_id").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String status = "";
    while (!status.equals("completed") && System.nanoTime() < deadline) {
      status = JSON.readTree(send(HttpRequest.newBuilder(URI.create(url("/v1/privacy/requests/" + request)))
          .header("Authorization", "Bearer " + admin).GET()).body()).path("status").asText();
    }
    assertThat(status).isEqualTo("completed");
    assertThat(sealedTraitRows("u020")).as("the erased user's sealed fields left sealed_traits").isZero();
    assertThat(sealedTraitRows("u021")).as("one identify event each").isEqualTo(1);

    HttpResponse<String> r = export("/v1/audiences/big/exports?format=google&removals=true", marketer);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition")).hasValue(
        "attachment; filename=\"audience-big-google-removals.csv\"");
    assertThat(r.headers().firstValue("X-Marquee-Export-Removals")).hasValue("3");
    assertThat(r.headers().firstValue("X-Marquee-Export-Removals-Unreadable")).hasValue("1");
    List<String> lines = r.body().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith(Normalize.sha256("mail.u010@example.com") + ",");

    HttpResponse<String> again = export("/v1/audiences/big/exports?format=google&removals=true", marketer);
    assertThat(again.body().lines().toList()).as("nobody left since").hasSize(1);
    assertThat(again.headers().firstValue("X-Marquee-Export-Removals-Unreadable")).hasValue("0");
  }

  private static long sealedTraitRows(String userId) throws Exception {
    try (java.sql.Connection c = node.store().readConnection();
        java.sql.PreparedStatement p = c.prepareStatement("SELECT count(*) FROM sealed_traits WHERE user_id = ?")) {
      p.setString(1, userId);
      try (java.sql.ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  @Test
  void badParameters_getA400NamingThem_andAnUnknownAudienceA404() throws Exception {
    HttpResponse<String> format = export("/v1/audiences/big/exports?format=tiktok", marketer);
    assertThat(format.statusCode()).isEqualTo(400);
    assertThat(format.body()).contains("format");
    HttpResponse<String> removals = export("/v1/audiences/big/exports?format=meta&removals=yes", marketer);
    assertThat(removals.statusCode()).isEqualTo(400);
    assertThat(removals.body()).contains("removals");
    assertThat(export("/v1/audiences/nope/exports?format=meta", marketer).statusCode()).isEqualTo(404);
  }

  @Test
  void anAnalystOrNoKey_cannotExport() throws Exception {
    assertThat(export("/v1/audiences/big/exports?format=google", analyst).statusCode()).isEqualTo(403);
    assertThat(export("/v1/audiences/big/exports?format=google", null).statusCode()).isEqualTo(401);
  }
}
