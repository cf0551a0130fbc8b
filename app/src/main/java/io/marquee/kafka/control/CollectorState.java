package io.marquee.kafka.control;

import io.marquee.access.ApiKeyEntry;
import io.marquee.access.ApiKeys;
import io.marquee.access.Role;
import io.marquee.collect.WriteKeys;
import io.marquee.config.Settings;
import io.marquee.kafka.control.ControlRecords.Kind;
import io.marquee.kafka.control.ControlRecords.Wrapped;
import io.marquee.privacy.ConsentRegistry;
import io.marquee.privacy.Suppressions;
import io.marquee.vault.KeyVault;
import io.marquee.vault.MasterKey;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a collector without a data dir shares with every other: the API and write keys, consent
 * choices, suppressions of erased users and the vault's data keys, read from the control topic
 * into the node's own types ({@link ApiKeys#following}, {@link WriteKeys#shared}, {@link
 * Suppressions#shared}, {@link ConsentRegistry}, {@link KeyVault#shared}) and kept current.
 *
 * <p>{@link #join} returns once the whole topic as it was at start is applied, so a collector that
 * opens its port afterwards refuses revoked keys and drops erased users from its first request. It
 * writes to the topic the consent choices it records and the data keys it makes; everything else
 * comes from the owning node ({@link OwnerLink}).
 */
public final class CollectorState implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(CollectorState.class);
  private final ControlLog log;
  private final ApiKeys apiKeys = ApiKeys.following();
  private final WriteKeys writeKeys = WriteKeys.shared();
  private final ConsentRegistry consent = new ConsentRegistry();
  private volatile Suppressions suppressions;
  private volatile KeyVault vault;

  private CollectorState(ControlLog log) {
    this.log = log;
    writeKeys.alsoAccept(key -> apiKeys.authenticate(key).map(p -> p.role() == Role.WRITE).orElse(false));
  }

  /**
   * Reads the control topic of {@code settings} ({@code kafka.bootstrap}, {@code kafka.control.topic})
   * and follows it; {@code master} (or null: personal data is then refused) opens the shared vault.
   *
   * @throws IOException if the topic cannot be read within {@code kafka.control.start-timeout-seconds},
   *     or no owning node has published to it yet
   */
  public static CollectorState join(Settings settings, MasterKey master) throws IOException {
    String bootstrap = settings.string("kafka.bootstrap");
    if (bootstrap.isBlank()) {
      throw new IllegalArgumentException("a collector needs kafka.bootstrap (--kafka HOST:PORT)");
    }
    return join(bootstrap, settings.string("kafka.control.topic"), master,
        Duration.ofSeconds(settings.longValue("kafka.control.start-timeout-seconds")));
  }

  /** {@link #join(Settings, MasterKey)} with the parts given. */
  public static CollectorState join(String bootstrap, String topic, MasterKey master, Duration timeout)
      throws IOException {
    ControlState state = new ControlState(new ControlState.Target() { });
    ControlLog log = ControlLog.open(bootstrap, topic, state, "collector");
    CollectorState c = new CollectorState(log);
    state.retarget(c.new Follow());
    // The owning node may start at the same moment (or later): wait, within the same timeout, until
    // it has published its salt and (for a collector with a master key) its vault index.
    IOException[] startError = {null};
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Runnable attempt = () -> {
      if (started.getCount() == 0 || state.salt() == null || (master != null && state.vaultIndex() == null)) {
        return;
      }
      try {
        c.completeStart(state, master, topic);
      } catch (IOException | RuntimeException e) {
        startError[0] = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      }
      started.countDown();
    };
    log.onCaughtUp(attempt);
    log.onTick(attempt);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      log.awaitCaughtUp(timeout);
      if (!started.await(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
        throw new IOException(state.salt() == null
            ? "no owning node has published to the control topic " + topic + " within " + timeout.toSeconds()
                + " s (kafka.control.start-timeout-seconds): start the node that owns the data dir with"
                + " kafka.bootstrap set (serve --source kafka --data-dir DIR --kafka HOST:PORT)"
            : "the owning node published no vault to " + topic
                + " (it runs without a master key); start this collector without one");
      }
    } catch (TimeoutException | InterruptedException | IOException e) {
      log.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    if (startError[0] != null) {
      log.close();
      throw startError[0];
    }
    c.consent.listen(c.new Share());
    return c;
  }

  /** On the reading thread, once caught up: the salt and the vault, which earlier records needed. */
  private void completeStart(ControlState state, MasterKey master, String topic) throws IOException {
    byte[] salt = state.salt();
    if (salt == null) {
      throw new IOException("no owning node has published to the control topic " + topic
          + " yet: start the node that owns the data dir with kafka.bootstrap set first");
    }
    Suppressions s = Suppressions.shared(salt);
    state.suppressed().forEach(s::addDigest);
    suppressions = s;
    if (master != null) {
      Wrapped index = state.vaultIndex();
      if (index == null) {
        throw new IOException("the owning node published no vault to " + topic
            + " (it runs without a master key); start this collector without one");
      }
      KeyVault v = KeyVault.shared(master, index.masterId(), index.bytes(), new SharedVaultKeys(log),
          KeyVault.DEFAULT_CACHE_CAPACITY);
      v.refuseKeysFor(s::contains);
      for (Map.Entry<String, Wrapped> e : state.dataKeys().entrySet()) {
        adopt(v, e.getKey(), e.getValue());
      }
      vault = v;
    }
  }

  private static void adopt(KeyVault v, String entry, Wrapped w) {
    try {
      v.adopt(entry, w.bytes());
    } catch (IOException | RuntimeException e) {
      LOG.warn("shared data key of entry {} not usable here: {}", entry, e.getMessage());
    }
  }

  /** Applies the topic's records to this collector's state. */
  private final class Follow implements ControlState.Target {
    @Override
    public void apiKey(ApiKeyEntry entry) {
      apiKeys.apply(entry);
    }

    @Override
    public void writeKey(String sha256Hex) {
      writeKeys.addDigest(sha256Hex);
    }

    @Override
    public void suppressed(String digest) {
      Suppressions s = suppressions;
      if (s != null) {
        s.addDigest(digest);
      }
    }

    @Override
    public void consent(String userId, String category, Boolean allowed) {
      consent.applyShared(userId, category, allowed);
    }

    @Override
    public void dataKey(String entryId, Wrapped wrapped) {
      KeyVault v = vault;
      if (v != null) {
        adopt(v, entryId, wrapped);
      }
    }

    @Override
    public void dataKeyGone(String entryId) {
      KeyVault v = vault;
      if (v != null) {
        try {
          v.forgetShared(entryId);
        } catch (IOException e) {
          LOG.error("erased data key of entry {} could not be dropped: {}", entryId, e.getMessage());
        }
      }
    }
  }

  /** Writes the consent choices this collector records to the topic. */
  private final class Share implements ConsentRegistry.Listener {
    @Override
    public void recorded(String userId, Map<String, Boolean> choices) {
      choices.forEach((category, allowed) ->
          log.send(ControlRecords.key(Kind.CONSENT, userId, category), ControlRecords.consent(allowed)));
    }

    @Override
    public void forgotten(String userId, Set<String> categories) {
      for (String category : categories) {
        log.send(ControlRecords.key(Kind.CONSENT, userId, category), null);
      }
    }
  }

  /** The API keys the owning node shares (create and revoke are refused here). */
  public ApiKeys apiKeys() {
    return apiKeys;
  }

  /** The write keys the owning node shares, with API keys of the write role also accepted. */
  public WriteKeys writeKeys() {
    return writeKeys;
  }

  /** Every collector's consent choices; choices recorded here are shared. */
  public ConsentRegistry consent() {
    return consent;
  }

  /** The erased users' ids, as salted digests. */
  public Suppressions suppressions() {
    return suppressions;
  }

  /** The shared vault, or null when this collector has no master key. */
  public KeyVault vault() {
    return vault;
  }

  @Override
  public void close() throws IOException {
    log.close();
    KeyVault v = vault;
    if (v != null) {
      v.close();
    }
  }
}
