package io.marquee.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.marquee.access.Authorization;
import io.marquee.access.Principal;
import io.marquee.access.Role;
import io.marquee.audit.AuditAction;
import io.marquee.audit.AuditLog;
import io.marquee.store.Store;
import io.marquee.vault.KeyVault;
import io.marquee.vault.Pseudonyms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Profiles and the data subject's rights over HTTP (Bearer API keys):
 *
 * <ul>
 *   <li>{@code GET /v1/profiles/{userId}}: analyst or above; attributes with provenance, no personal
 *       data. {@code ?include=pii}: admin only, decrypted personal fields, audited. 404 if unknown.
 *   <li>{@code GET /v1/privacy/users/{userId}/export}: admin; everything held about the user as one
 *       JSON document (profile, personal data, events, views), audited.
 *   <li>{@code DELETE /v1/privacy/users/{userId}}: admin; suppresses the id, waits for the store to
 *       apply the log, destroys the user's data key, deletes the user's events and views; 202 with a
 *       request id, audited; then models that saw the user are retrained and older sets deleted.
 *   <li>{@code GET /v1/privacy/requests/{id}}: admin; the status of an erasure request.
 * </ul>
 */
public final class PrivacyApi {
  private final Store store;
  private final KeyVault vault;
  private final Suppressions suppressions;
  private final AuditLog audit;
  private final Authorization auth;
  private final ObjectMapper json;
  private final ProfileReader profiles;
  private final StoreBarrier barrier;
  private final Map<String, ObjectNode> requests = new ConcurrentHashMap<>();
  private final ConsentRegistry consent;
  private final io.marquee.core.EventSink consentSink;
  private volatile Runnable afterErasure = () -> { };

  /** Waits until everything already in the log is in the store. */
  @FunctionalInterface
  public interface StoreBarrier {
    void await() throws Exception;
  }

  public PrivacyApi(Store store, KeyVault vault, Suppressions suppressions, AuditLog audit, Authorization auth,
      ObjectMapper json, StoreBarrier barrier, ConsentRegistry consent, io.marquee.core.EventSink consentSink) {
    this.consent = consent;
    this.consentSink = consentSink;
    this.store = store;
    this.vault = vault;
    this.suppressions = suppressions;
    this.audit = audit;
    this.auth = auth;
    this.json = json;
    this.barrier = barrier;
    this.profiles = new ProfileReader(store, vault, json);
  }

  /** Work to start once a user is erased from the store, such as retraining models that saw them. */
  public void onErasure(Runnable action) {
    this.afterErasure = action;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/profiles/{userId}", this::profile);
    routes.get("/v1/privacy/users/{userId}/export", this::export);
    routes.delete("/v1/privacy/users/{userId}", this::erase);
    routes.get("/v1/privacy/requests/{id}", this::request);
    routes.put("/v1/users/{userId}/consent", this::putConsent);
    routes.get("/v1/users/{userId}/consent", this::getConsent);
  }

  /**
   * {@code PUT /v1/users/{userId}/consent} (write or admin key), body {@code {"analytics":true,
   * "personalization":false, ...}}: records the choices durably as a {@code Consent Updated} event;
   * 200 with the user's current choices, 400 naming an unknown category or a non-boolean value.
   */
  private void putConsent(Context ctx) throws Exception {
    auth.require(ctx, Role.WRITE);
    String userId = userId(ctx);
    com.fasterxml.jackson.databind.JsonNode body = io.marquee.access.RequestJson.object(ctx, json,
        "an object of categories, e.g. {\"marketing\":false}");
    if (body.isEmpty()) {
      throw new io.javalin.http.BadRequestResponse("body must be an object of categories, e.g. {\"marketing\":false}");
    }
    for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String category = it.next();
      if (!ConsentRegistry.CATEGORIES.contains(category)) {
        throw new io.javalin.http.BadRequestResponse("unknown consent category '" + category + "'; use one of "
            + String.join(", ", ConsentRegistry.CATEGORIES));
      }
      if (!body.get(category).isBoolean()) {
        throw new io.javalin.http.BadRequestResponse(category + " must be true or false");
      }
    }
    ObjectNode event = json.createObjectNode();
    event.put("type", "track");
    event.put("event", ConsentRegistry.EVENT);
    event.put("userId", userId);
    event.putObject("properties").set("categoryPreferences", body);
    io.marquee.core.BatchResult r = consentSink.submit(java.util.List.of(event));
    if (!r.rejected().isEmpty()) {
      throw new io.javalin.http.BadRequestResponse(r.rejected().get(0).error());
    }
    ctx.json(Map.of("user_id", userId, "consent", consent.choices(userId)));
  }

  /** {@code GET /v1/users/{userId}/consent} (analyst or above): current choices and their history. */
  private void getConsent(Context ctx) throws Exception {
    auth.require(ctx, Role.ANALYST);
    barrier.await();
    String userId = userId(ctx);
    ObjectNode out = json.createObjectNode();
    out.put("user_id", userId);
    out.set("consent", json.valueToTree(consent.choices(userId)));
    try (Connection c = store.readConnection()) {
      out.set("history", rows(c, "SELECT timestamp, source, choices FROM consent_log WHERE user_id = ? "
          + "ORDER BY timestamp, log_pos", userId, 1));
    }
    ctx.json(out);
  }

  private void profile(Context ctx) throws Exception {
    boolean pii = "pii".equals(ctx.queryParam("include"));
    Principal who = auth.require(ctx, pii ? Role.ADMIN : Role.ANALYST);
    String userId = userId(ctx);
    ObjectNode profile = profiles.read(userId, pii);
    if (profile == null) {
      throw new NotFoundResponse("no profile for that user");
    }
    if (pii) {
      audit.append(who.actor(), AuditAction.PII_READ, userId, Map.of("endpoint", "profile"));
    }
    ctx.json(profile);
  }

  private void export(Context ctx) throws Exception {
    Principal who = auth.require(ctx, Role.ADMIN);
    String userId = userId(ctx);
    ObjectNode out = json.createObjectNode();
    out.put("user_id", userId);
    out.put("exported_at", Instant.now().toString());
    out.set("profile", profiles.read(userId, true));
    try (Connection c = store.readConnection()) {
      out.set("events", rows(c, "SELECT message_id, type, event, user_id, anonymous_id, timestamp, properties, "
          + "traits, context FROM events WHERE user_id = ? OR anonymous_id = ? ORDER BY timestamp", userId, 2));
      out.set("views", rows(c, "SELECT * FROM views WHERE user_id = ? ORDER BY started_at", userId, 1));
    }
    audit.append(who.actor(), AuditAction.EXPORT, userId, Map.of("events", Integer.toString(out.get("events").size())));
    ctx.json(out);
  }

  private ArrayNode rows(Connection c, String sql, String id, int params) throws Exception {
    ArrayNode out = json.createArrayNode();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 1; i <= params; i++) {
        p.setString(i, id);
      }
      try (ResultSet r = p.executeQuery()) {
        ResultSetMetaData md = r.getMetaData();
        while (r.next()) {
          ObjectNode row = out.addObject();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), r.getString(i));
          }
        }
      }
    }
    return out;
  }

  private void erase(Context ctx) throws Exception {
    Principal who = auth.require(ctx, Role.ADMIN);
    String userId = userId(ctx);
    String id = UUID.randomUUID().toString();
    ObjectNode status = json.createObjectNode();
    status.put("request_id", id);
    status.put("type", "erasure");
    status.put("received_at", Instant.now().toString());
    requests.put(id, status);
    Set<String> ids = new LinkedHashSet<>();
    ids.add(userId);
    suppressions.add(userId);
    barrier.await();
    ids.addAll(linkedIds(userId));
    for (String linked : ids) {
      suppressions.add(linked);
    }
    // events of linked ids accepted before they were suppressed reach the store before it is erased
    barrier.await();
    if (vault != null) {
      vault.destroy(ids);
    }
    ids.forEach(consent::forget);
    long removed = store.erase(ids);
    audit.append(who.actor(), AuditAction.ERASURE, userId,
        Map.of("request", id, "ids", Integer.toString(ids.size()), "rows", Long.toString(removed)));
    status.put("status", "completed");
    status.put("completed_at", Instant.now().toString());
    status.put("rows_removed", removed);
    afterErasure.run();
    ctx.status(202).json(status);
  }

  /**
   * The user a route names: an e-mail address is mapped to its pseudonym, the id the collector
   * stored instead of it (one mapping, {@link Pseudonyms#userId}, for every route).
   */
  private String userId(Context ctx) {
    return Pseudonyms.userId(vault, ctx.pathParam("userId"));
  }

  /** Anonymous ids the user was linked to by identify or alias. */
  private Set<String> linkedIds(String userId) throws Exception {
    Set<String> out = new LinkedHashSet<>();
    try (Connection c = store.readConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT DISTINCT anonymous_id FROM events WHERE user_id = ? AND anonymous_id IS NOT NULL "
            + "UNION SELECT DISTINCT previous_id FROM events WHERE user_id = ? AND previous_id IS NOT NULL")) {
      p.setString(1, userId);
      p.setString(2, userId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  private void request(Context ctx) {
    auth.require(ctx, Role.ADMIN);
    ObjectNode status = requests.get(ctx.pathParam("id"));
    if (status == null) {
      throw new NotFoundResponse("no such privacy request (requests are kept until the server restarts; "
          + "the audit log keeps them for good)");
    }
    ctx.json(status);
  }
}
