package io.marquee.adexport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.access.Authorization;
import io.marquee.audiences.AudienceMembers;
import io.marquee.audit.AuditLog;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.config.Settings;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.store.Store;
import io.marquee.vault.KeyVault;
import java.time.Clock;

/**
 * Audience exports for the ad platforms as a capability: {@code POST /v1/audiences/{id}/exports}
 * ({@link AudienceExportsApi}), reading members through the {@link AudienceMembers} service the
 * audiences capability offers before it in the list.
 */
public final class ExportsCapability implements Capability {
  /** Whether an ad-platform export needs an explicit {@code marketing} opt-in (default true). */
  public static final String REQUIRE_OPT_IN = "exports.require-opt-in";

  @Override
  public String name() {
    return "exports";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    KeyVault vault = services.find(KeyVault.class).orElse(null);
    new AudienceExportsApi(services.get(Authorization.class), services.find(AudienceMembers.class).orElse(null),
        export(services.get(Store.class), vault, services.get(ObjectMapper.class), services.get(ConsentRegistry.class),
            services.get(AuditLog.class), services.get(Settings.class), services.dataDir()),
        vault != null).register(routes);
  }

  /** The export engine over a node's parts; the CLI builds it the same way. */
  public static AudienceExport export(Store store, KeyVault vault, ObjectMapper json, ConsentRegistry consent,
      AuditLog audit, Settings settings, java.nio.file.Path dataDir) {
    return new AudienceExport(store, vault, json, consent, audit, dataDir,
        settings.bool(REQUIRE_OPT_IN), Clock.systemUTC());
  }
}
