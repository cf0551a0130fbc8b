package io.marquee.adexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marquee.audiences.AudienceMembers;
import io.marquee.audiences.ExportConsent;
import io.marquee.audit.AuditAction;
import io.marquee.audit.AuditLog;
import io.marquee.store.Store;
import io.marquee.vault.KeyVault;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The export of one audience to one format, shared by the HTTP route and the CLI: {@link #plan}
 * decides who goes (from the store's clear columns and the consent registry, no personal field read),
 * {@link #write} records the export in the audit log, then decrypts the members' personal fields
 * ({@link PersonalFields}, a batch of members at a time, each batch read, decrypted and formatted on
 * one of {@link #THREADS} workers, one per core, at most {@code THREADS + 1} batches in memory:
 * {@link OrderedBatches}) and writes the batches' lines to the output in member order: no personal field is logged, kept past its
 * batch or written to a file.
 *
 * <p>Rules, for the ad-platform formats: members under 18 or of unknown age are left out (COPPA,
 * GDPR art. 8, the platforms' limits on ads to minors), and so are members without an explicit
 * {@code marketing} opt-in unless {@code audiences.export-requires-opt-in} is false. Every format is refused
 * below {@link #MIN_MEMBERS} members to write. A member's age is a lower bound: the age the profile
 * last observed plus the whole years since.
 */
public final class AudienceExport {
  /** The fewest members an export may send. */
  public static final int MIN_MEMBERS = 100;
  static final int ADULT = 18;
  /** Batches read, decrypted and formatted at once: one per core (up to 4), and one more waits done. */
  static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  private static final String CONSENT = "marketing";

  private final Store store;
  private final PersonalFields personal;
  private final ExportConsent consent;
  private final AuditLog audit;
  private final ExportLedger ledger;
  private final Clock clock;

  /**
   * @param vault the node's vault, or null (then no personal field can be read)
   * @param consent the rule for data that leaves the platform (the audiences capability's service)
   */
  public AudienceExport(Store store, KeyVault vault, com.fasterxml.jackson.databind.ObjectMapper json,
      ExportConsent consent, AuditLog audit, java.nio.file.Path dataDir, Clock clock) {
    this.store = store;
    this.personal = new PersonalFields(store, vault, json);
    this.consent = consent;
    this.audit = audit;
    this.ledger = new ExportLedger(dataDir, audit::subjectOf);
    this.clock = clock;
  }

  /** A profile's clear columns the rules need. */
  private record Demographics(Integer age, String gender, String country) {}

  /**
   * Who the export sends and who it leaves out. For {@code removals}, the members of the last export
   * of this audience and format (by the ledger's digests) who would not be in an export now.
   *
   * @param format a format name; see {@link AdFormat}
   */
  public ExportPlan plan(AudienceMembers.Members audience, AdFormat format, boolean removals) throws SQLException, IOException {
    // --removals also needs every profile (who is still known); otherwise the members' suffice, and only ad formats read them
    Map<String, Demographics> demographics = removals ? demographics()
        : format.adPlatform() ? demographics(audience.userIds()) : Map.of();
    List<String> eligible = new ArrayList<>();
    int minors = 0;
    int unknownAge = 0;
    int noOptIn = 0;
    for (String id : audience.userIds()) {
      if (format.adPlatform()) {
        Demographics d = demographics.get(id);
        if (d == null || d.age() == null) {
          unknownAge++;
          continue;
        }
        if (d.age() < ADULT) {
          minors++;
          continue;
        }
        if (!optedIn(id)) {
          noOptIn++;
          continue;
        }
      }
      eligible.add(id);
    }
    if (!removals) {
      String refusal = eligible.size() >= MIN_MEMBERS ? null
          : "the export would send " + eligible.size() + " members and an export needs at least " + MIN_MEMBERS
              + " (audience of " + audience.userIds().size() + "; left out: " + minors + " under 18, " + unknownAge
              + " of unknown age, " + noOptIn + " without an explicit marketing opt-in)";
      return new ExportPlan(audience.audienceId(), format, false, audience.userIds().size(), eligible, minors,
          unknownAge, noOptIn, 0, refusal);
    }
    Set<String> last = ledger.last(audience.audienceId(), format);
    Set<String> now = new HashSet<>(eligible);
    List<String> left = new ArrayList<>();
    int matched = 0;
    for (String id : new TreeMap<>(demographics).keySet()) {
      if (last.contains(ledger.digest(id))) {
        matched++;
        if (!now.contains(id)) {
          left.add(id);
        }
      }
    }
    return new ExportPlan(audience.audienceId(), format, true, audience.userIds().size(), left, minors, unknownAge,
        noOptIn, last.size() - matched, null);
  }

  /**
   * Audits the export, writes it to {@code out} (UTF-8, {@code \n} line ends) and records what the
   * platform now holds for {@code --removals}; returns the number of lines written after the header.
   * The caller has checked {@link ExportPlan#refusal()}.
   *
   * @param actor who asked, as the audit log names them ({@code key:ID}, {@code cli})
   */
  public long write(ExportPlan plan, String actor, OutputStream out) throws IOException, SQLException {
    if (plan.refusal() != null) {
      throw new IllegalStateException("a refused export cannot be written: " + plan.refusal());
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("audience", plan.audienceId());
    details.put("format", plan.format().wireName());
    details.put("removals", Boolean.toString(plan.removals()));
    details.putAll(plan.counts());
    audit.append(actor, AuditAction.EXPORT, null, details);
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    if (plan.format().header() != null) {
      w.write(plan.format().header());
      w.write('\n');
    }
    long[] lines = {0};
    Phones phones = new Phones();
    List<String> ids = plan.userIds();
    List<String> digests = new ArrayList<>(plan.removals() ? 0 : ids.size());
    OrderedBatches.run(ids.size(), PersonalFields.BATCH, THREADS, "export-worker",
        (from, to) -> chunk(plan.format(), ids.subList(from, to), phones, !plan.removals()),
        done -> {
          w.write(done.lines());
          lines[0] += done.members();
          digests.addAll(done.digests());
        });
    w.flush();
    Set<String> holds = new HashSet<>();
    if (plan.removals()) {
      Set<String> gone = new HashSet<>();
      plan.userIds().forEach(id -> gone.add(ledger.digest(id)));
      Set<String> known = new HashSet<>();
      for (String id : demographics().keySet()) {
        known.add(ledger.digest(id));
      }
      for (String d : ledger.last(plan.audienceId(), plan.format())) {
        if (known.contains(d) && !gone.contains(d)) {
          holds.add(d);
        }
      }
    } else {
      holds.addAll(digests);
    }
    ledger.record(plan.audienceId(), plan.format(), holds);
    return lines[0];
  }

  /**
   * One batch's lines: its members' personal fields read and decrypted, their profiles' gender and
   * country read, each line formatted, and (unless {@code digests} is false) the ledger digest of each
   * member. Runs on a worker; the plaintext is dropped when it returns, the lines (hashed but for
   * Google's country and zip) when the writer has written them.
   */
  private Chunk chunk(AdFormat format, List<String> batch, Phones phones, boolean digests)
      throws IOException, SQLException {
    Map<String, ObjectNode> fields = format.adPlatform() ? personal.read(batch) : Map.of();
    Map<String, Demographics> demographics = format.adPlatform() ? demographics(batch) : Map.of();
    StringBuilder lines = new StringBuilder(batch.size() * (format.adPlatform() ? 400 : 40));
    for (String id : batch) {
      lines.append(format.row(contact(id, demographics.get(id), fields.get(id)), phones)).append('\n');
    }
    List<String> held = new ArrayList<>(digests ? batch.size() : 0);
    if (digests) {
      batch.forEach(id -> held.add(ledger.digest(id)));
    }
    return new Chunk(lines.toString(), batch.size(), held);
  }

  /** A batch's lines as written, how many members they are, and their ledger digests. */
  private record Chunk(String lines, int members, List<String> digests) {}

  private boolean optedIn(String userId) {
    return consent.allows(userId, CONSENT);
  }

  /** Every profile's age lower bound (null when unknown) and country. */
  private Map<String, Demographics> demographics() throws SQLException {
    try (Connection c = store.readConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT user_id, age, age_observed_at, gender, country FROM profiles")) {
      return demographics(r);
    }
  }

  /** The same for the profiles of these users. */
  private Map<String, Demographics> demographics(List<String> userIds) throws SQLException {
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT p.user_id, p.age, p.age_observed_at, p.gender, p.country FROM profiles p JOIN " + PersonalFields.IDS
            + " b ON b.user_id = p.user_id")) {
      p.setString(1, PersonalFields.array(userIds));
      try (ResultSet r = p.executeQuery()) {
        return demographics(r);
      }
    }
  }

  private Map<String, Demographics> demographics(ResultSet r) throws SQLException {
    Map<String, Demographics> out = new HashMap<>();
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    while (r.next()) {
      int age = r.getInt(2);
      Integer bound = null;
      if (!r.wasNull()) {
        Timestamp at = r.getTimestamp(3);
        bound = at == null ? age : age + (int) Math.max(0, ChronoUnit.YEARS.between(at.toLocalDateTime(), now));
      }
      out.put(r.getString(1), new Demographics(bound, r.getString(4), r.getString(5)));
    }
    return out;
  }

  /** The member's fields for the line, decrypted now and dropped once the line is written. */
  private static Contact contact(String userId, Demographics d, ObjectNode personal) {
    String country = d == null ? null : d.country();
    String gender = d == null ? null : d.gender();
    if (personal == null) {
      return new Contact(userId, null, null, null, null, gender, null, null, country);
    }
    JsonNode p = personal;
    JsonNode address = p.path("address");
    return new Contact(userId,
        first(p, "email"),
        firstNonNull(first(p, "phone"), first(p, "mobile")),
        first(p, "firstName"),
        first(p, "lastName"),
        gender,
        first(p, "birthday"),
        firstNonNull(first(p, "postalCode"), firstNonNull(text(address.path("postalCode")),
            firstNonNull(text(address.path("postal_code")), text(address.path("zip"))))),
        country);
  }

  /** The field at the top level, else the first nested one of that name ({@code contact.email}). */
  private static String first(JsonNode personal, String field) {
    String top = text(personal.path(field));
    if (top != null) {
      return top;
    }
    var it = personal.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getKey().endsWith("." + field)) {
        String v = text(e.getValue());
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static String text(JsonNode n) {
    return n != null && (n.isTextual() || n.isNumber()) ? n.asText() : null;
  }
}
