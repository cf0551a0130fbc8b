package io.marquee.capability;

import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * One capability of the platform (collection, privacy, access, recommendations; insights and
 * audiences next) as the node sees it: the HTTP routes it serves, built from the node's {@link
 * Services}, the tables it keeps current from the events ({@link #projections}), and the {@code
 * marquee} subcommands it adds. Each capability package provides one
 * implementation; {@code server.Capabilities} is the one list that names them, so a new capability
 * adds its class there and touches no other existing file.
 *
 * <p>A capability builds what it needs from the services (never from the server or another
 * capability's classes), may offer services of its own to the capabilities after it in the list
 * ({@link Services#offer}), and hands the server what to drain and close when it stops ({@link
 * Services#onStop}).
 */
public interface Capability {

  /** A short lowercase name, for logs and errors ({@code collect}, {@code privacy}, ...). */
  String name();

  /**
   * Adds this capability's routes, once per HTTP server, in list order. The default serves none.
   *
   * @param routes the server's routes (Javalin's), on which every path is registered
   * @param services the node's services plus those offered by capabilities earlier in the list
   */
  default void routes(RoutesConfig routes, Services services) {
  }

  /**
   * The tables this capability keeps current from the events, inside the store loader's batch
   * transaction ({@link io.marquee.store.Projection}: own schema, apply, rebuild from {@code events},
   * erasure). Called once per node, before the loader starts; the default keeps none.
   *
   * @param json the node's JSON mapper, for projections that read the events' JSON columns
   */
  default List<io.marquee.store.Projection> projections(com.fasterxml.jackson.databind.ObjectMapper json) {
    return List.of();
  }

  /**
   * The picocli {@code @Command} classes this capability adds to {@code marquee}, in the order
   * {@code marquee --help} lists them. The default adds none.
   */
  default List<Class<?>> commands() {
    return List.of();
  }
}
