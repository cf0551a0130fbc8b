package io.marquee.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.marquee.audit.AuditLog;
import io.marquee.capability.Capability;
import io.marquee.capability.Services;
import io.marquee.vault.KeyVault;
import java.util.List;

/**
 * Access as a capability: the master-key rotation endpoint ({@link MasterKeyApi}) and the {@code
 * marquee keys} commands (write keys, API keys, the master key).
 */
public final class AccessCapability implements Capability {
  @Override
  public String name() {
    return "access";
  }

  @Override
  public void routes(RoutesConfig routes, Services services) {
    new MasterKeyApi(services.find(KeyVault.class).orElse(null), services.get(AuditLog.class),
        services.get(Authorization.class), services.get(ObjectMapper.class)).register(routes);
  }

  @Override
  public List<Class<?>> commands() {
    return List.of(KeysCommand.class);
  }
}
