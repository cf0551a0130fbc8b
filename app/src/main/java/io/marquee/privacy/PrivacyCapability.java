package io.marquee.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.access.Authorization;
import io.marquee.audit.AuditLog;
import io.marquee.capability.Capability;
import io.marquee.capability.Erasures;
import io.marquee.capability.Services;
import io.marquee.capability.Sinks;
import io.marquee.store.Store;
import io.marquee.store.StoreLoader;
import io.marquee.vault.KeyVault;
import java.time.Duration;

/**
 * Privacy as a capability: profiles, consent, export and erasure ({@link PrivacyApi}). Each erasure
 * is announced on the node's {@link Erasures}, for the capabilities that must forget the user.
 */
public final class PrivacyCapability implements Capability {
  /** How long an export or erasure waits for the store to hold everything already logged. */
  private static final Duration STORE_WAIT = Duration.ofMinutes(5);

  @Override
  public String name() {
    return "privacy";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    StoreLoader loader = services.get(StoreLoader.class);
    PrivacyApi privacy = new PrivacyApi(services.get(Store.class), services.find(KeyVault.class).orElse(null),
        services.get(Suppressions.class), services.get(AuditLog.class), services.get(Authorization.class),
        services.get(ObjectMapper.class), () -> loader.awaitCaughtUp(STORE_WAIT),
        services.get(ConsentRegistry.class), services.get(Sinks.class).forWriteKey("consent-api"));
    privacy.onErasure(services.get(Erasures.class)::announce);
    privacy.register(routes);
  }
}
