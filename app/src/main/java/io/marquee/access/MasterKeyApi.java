package io.marquee.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.marquee.audit.AuditAction;
import io.marquee.audit.AuditLog;
import io.marquee.vault.KeyVault;
import io.marquee.vault.MasterKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code POST /v1/admin/master-key} (admin key): rotates the vault's master key while the server
 * keeps serving. Body {@code {"new_master_key_file": "/path/on/the/server"}}: the server reads the new
 * key from its own file system, so key material never crosses HTTP. 200 with the number of data keys
 * re-wrapped; 400 for a missing or unreadable file; 409 when the server runs without a vault.
 * Audited as {@code master.rotate}. Restart the server with the new file afterwards.
 */
public final class MasterKeyApi {
  private final KeyVault vault;
  private final AuditLog audit;
  private final Authorization auth;
  private final ObjectMapper json;

  public MasterKeyApi(KeyVault vault, AuditLog audit, Authorization auth, ObjectMapper json) {
    this.vault = vault;
    this.audit = audit;
    this.auth = auth;
    this.json = json;
  }

  public void register(RoutesConfig routes) {
    routes.post("/v1/admin/master-key", this::rotate);
  }

  private void rotate(Context ctx) throws IOException {
    Principal who = auth.require(ctx, Role.ADMIN);
    if (vault == null) {
      ctx.status(409).json(Map.of("error", "this server runs without a vault (no master key)"));
      return;
    }
    JsonNode body = RequestJson.object(ctx, json, "{\"new_master_key_file\": a path on the server}");
    JsonNode file = body.get("new_master_key_file");
    if (file == null || !file.isTextual()) {
      throw new BadRequestResponse("body needs new_master_key_file, a path on the server");
    }
    MasterKey next;
    try {
      next = MasterKey.load(Path.of(file.textValue()));
    } catch (IOException | RuntimeException e) {
      throw new BadRequestResponse("cannot load the new master key: " + e.getMessage());
    }
    String from = vault.masterId();
    int n = vault.rotateMaster(next);
    audit.append(who.actor(), AuditAction.MASTER_ROTATE, null,
        Map.of("from", from, "to", next.id(), "dataKeys", Integer.toString(n)));
    ctx.json(Map.of("rewrapped", n, "from", from, "to", next.id()));
  }
}
