package io.marquee.adexport;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.marquee.access.Authorization;
import io.marquee.access.Principal;
import io.marquee.access.Role;
import io.marquee.audiences.AudienceMembers;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/audiences/{id}/exports?format=google|meta|user-ids[&removals=true]}: role
 * {@code marketer} or above; the audience as a download ({@code Content-Disposition: attachment}),
 * streamed as it is written and kept nowhere. The counts of what was sent and left out, and why,
 * are in {@code X-Marquee-Export-*} headers ({@link ExportPlan#counts}) and the one-line
 * {@code X-Marquee-Export-Summary}.
 *
 * <p>Status codes: 200 the file; 400 a bad {@code format} or {@code removals}; 404 no such audience;
 * 409 an ad-platform format on a node without a vault (no personal field could be read); 422 the
 * export is refused (fewer than {@link AudienceExport#MIN_MEMBERS} members to send), with the reason;
 * 503 no audiences capability on this node.
 */
final class AudienceExportsApi {
  private final Authorization auth;
  private final AudienceMembers audiences;
  private final AudienceExport export;
  private final boolean hasVault;

  /** @param audiences the audiences capability's members service, or null when the node has none */
  AudienceExportsApi(Authorization auth, AudienceMembers audiences, AudienceExport export, boolean hasVault) {
    this.auth = auth;
    this.audiences = audiences;
    this.export = export;
    this.hasVault = hasVault;
  }

  void register(RoutesConfig routes) {
    routes.post("/v1/audiences/{id}/exports", this::export);
  }

  private void export(Context ctx) throws IOException, SQLException {
    Principal who = auth.require(ctx, Role.MARKETER);
    String name = ctx.queryParam("format");
    AdFormat format = AdFormat.of(name);
    if (format == null) {
      throw new BadRequestResponse("format: '" + name + "' is not google, meta or user-ids");
    }
    String removalsParam = ctx.queryParam("removals");
    if (removalsParam != null && !removalsParam.equals("true") && !removalsParam.equals("false")) {
      throw new BadRequestResponse("removals: '" + removalsParam + "' is not true or false");
    }
    boolean removals = "true".equals(removalsParam);
    if (audiences == null) {
      ctx.status(503).json(Map.of("error", "this node has no audiences capability"));
      return;
    }
    if (format.adPlatform() && !hasVault) {
      ctx.status(409).json(Map.of("error", "this server runs without a vault (no master key): the "
          + format.wireName() + " format needs the members' personal fields"));
      return;
    }
    String id = ctx.pathParam("id");
    Optional<AudienceMembers.Members> members = audiences.members(id);
    if (members.isEmpty()) {
      ctx.status(404).json(Map.of("error", "no audience " + id));
      return;
    }
    ExportPlan plan = export.plan(members.get(), format, removals);
    if (plan.refusal() != null) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", "export refused: " + plan.refusal());
      body.putAll(plan.counts());
      ctx.status(422).json(body);
      return;
    }
    ctx.status(200);
    ctx.contentType(format.header() == null ? "text/plain; charset=utf-8" : "text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(id, format, removals) + "\"");
    ctx.header("Cache-Control", "no-store");
    for (Map.Entry<String, String> e : plan.counts().entrySet()) {
      ctx.header("X-Marquee-Export-" + header(e.getKey()), e.getValue());
    }
    ctx.header("X-Marquee-Export-Summary", plan.summary());
    export.write(plan, who.actor(), ctx.outputStream());
  }

  /** {@code audience-ID-google.csv}, the id reduced to characters safe in a header. */
  static String fileName(String id, AdFormat format, boolean removals) {
    String safe = id.replaceAll("[^A-Za-z0-9_.-]", "_");
    return "audience-" + safe + "-" + format.wireName() + (removals ? "-removals" : "")
        + (format.header() == null ? ".txt" : ".csv");
  }

  /** {@code left_out_minors} as {@code Left-Out-Minors}. */
  private static String header(String key) {
    StringBuilder b = new StringBuilder();
    for (String part : key.split("_")) {
      b.append(b.length() > 0 ? "-" : "").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }
}
