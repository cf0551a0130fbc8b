package io.marquee.capability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services of a node, looked up by type: what the node built when it opened (store, loader,
 * log, collector, vault, keys, audit log, consent, JSON mapper, ...) and what capabilities offered
 * while registering. Capabilities reach everything through it, so none depends on the server or on
 * another capability's construction.
 *
 * <p>A node holds one root; each HTTP server works in a {@link #scope} of it, which also collects
 * what to stop with that server. Lookups in a scope fall back to the root. Not thread-safe while
 * being filled (the node and the server fill it on one thread, then only read it).
 */
public final class Services {
  private final Services parent;
  private final Path dataDir;
  private final Map<Class<?>, Object> byType = new LinkedHashMap<>();
  private final Deque<Stoppable> stops = new ArrayDeque<>();

  private Services(Services parent, Path dataDir) {
    this.parent = parent;
    this.dataDir = dataDir;
  }

  /** The root services of a node on {@code dataDir}. */
  public static Services root(Path dataDir) {
    return new Services(null, dataDir);
  }

  /** A child whose lookups fall back to this one, with its own services and stop list. */
  public Services scope() {
    return new Services(this, dataDir);
  }

  /** The node's data dir. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Makes {@code service} the {@code type} service of this scope. A null service (an optional one
   * the node runs without, such as the vault) is recorded as absent.
   *
   * @throws IllegalStateException when this scope or a parent already has one
   */
  public <T> Services offer(Class<T> type, T service) {
    if (has(type)) {
      throw new IllegalStateException("a " + type.getSimpleName() + " service is already registered");
    }
    byType.put(type, service == null ? Absent.INSTANCE : type.cast(service));
    return this;
  }

  /**
   * The {@code type} service.
   *
   * @throws IllegalStateException when there is none, or the node runs without it
   */
  public <T> T get(Class<T> type) {
    return find(type).orElseThrow(() -> new IllegalStateException(
        "no " + type.getSimpleName() + " service on this node" + (has(type) ? " (it runs without one)" : "")
            + "; registered: " + names()));
  }

  /** The {@code type} service, or empty when there is none or the node runs without it. */
  public <T> Optional<T> find(Class<T> type) {
    for (Services s = this; s != null; s = s.parent) {
      Object o = s.byType.get(type);
      if (o != null) {
        return o == Absent.INSTANCE ? Optional.empty() : Optional.of(type.cast(o));
      }
    }
    return Optional.empty();
  }

  private boolean has(Class<?> type) {
    for (Services s = this; s != null; s = s.parent) {
      if (s.byType.containsKey(type)) {
        return true;
      }
    }
    return false;
  }

  private List<String> names() {
    List<String> out = new ArrayList<>();
    for (Services s = this; s != null; s = s.parent) {
      s.byType.keySet().forEach(t -> out.add(t.getSimpleName()));
    }
    return out;
  }

  /** Stops {@code stoppable} with this scope's server: drained first, closed after, newest first. */
  public void onStop(Stoppable stoppable) {
    stops.push(stoppable);
  }

  /**
   * Drains everything registered with {@link #onStop}, sharing {@code timeout} between them; false
   * when some still had requests in flight at the deadline.
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean all = true;
    for (Stoppable s : stops) {
      all &= s.drain(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    return all;
  }

  /** Closes everything registered with {@link #onStop}, newest first; each is closed once. */
  public void close() {
    RuntimeException first = null;
    while (!stops.isEmpty()) {
      try {
        stops.pop().close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** The marker of an optional service the node runs without. */
  private enum Absent {
    INSTANCE
  }
}
