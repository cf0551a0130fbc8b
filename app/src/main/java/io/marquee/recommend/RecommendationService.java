package io.marquee.recommend;

import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recommendations a node serves: the current {@link TrainedModel} behind an {@link
 * AtomicReference}, retrained in the background on one daemon thread and swapped in whole, so a
 * request sees either the old set or the new one, never a half-built one, and never waits for
 * training.
 *
 * <p>At {@link #start}, the set published in the data dir is loaded; when there is none, the
 * store's popularity is served (non-personal lists) as soon as the data is read, and a first
 * training follows. Until then, {@link #forUser} and {@link #similar} throw {@link NotReady}.
 *
 * <p>Users are looked up in the model's training data: their history (so watched titles are left
 * out) and declared profile are as of the last training. A user the model never saw gets the
 * demographic and popularity parts only, flagged non-personal; a user without {@code
 * personalization} consent gets the non-personal list ({@link Recommendations#forUser}).
 */
public final class RecommendationService implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RecommendationService.class);

  /** Reads the training data (the store, in a node). */
  public interface Source {
    Dataset load() throws Exception;
  }

  /** No model set is loaded yet; the caller should retry shortly. */
  public static final class NotReady extends RuntimeException {
    NotReady() {
      super("recommendations are not ready yet: the first model is loading");
    }
  }

  /** A list as served: for whom, whether it is personal, the items. */
  public record Response(String userId, boolean personalized, List<Recommendation> items) {}

  private final AtomicReference<TrainedModel> current = new AtomicReference<>();
  /**
   * What identified users started since the data of the served set was read: user id -> asset id ->
   * when it was recorded (epoch ms). Kept out of their lists at once, and folded into their
   * history; entries the next set was trained on are dropped when it is swapped in.
   */
  private final Map<String, Map<String, Long>> playedSince = new ConcurrentHashMap<>();
  /** The most titles remembered per user between trainings. */
  static final int MAX_RECENT_PER_USER = 200;
  /** The most users remembered between trainings (some 100 MB at a few titles each). */
  static final int MAX_RECENT_USERS = 250_000;
  private volatile CompletableFuture<TrainedModel> started = new CompletableFuture<>();
  private final Source source;
  private final ModelStore store;
  private final Predicate<String> personalization;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "recommend-train");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param store where sets are published and loaded; null to keep them in memory only
   * @param personalization whether a user id allows personalization (consent)
   */
  public RecommendationService(Source source, ModelStore store, Predicate<String> personalization) {
    this.source = source;
    this.store = store;
    this.personalization = personalization;
  }

  /**
   * Loads the published set, or serves popularity and trains a first set, in the background;
   * returns at once.
   */
  public CompletableFuture<TrainedModel> start() {
    started = CompletableFuture.supplyAsync(() -> {
      try {
        Optional<TrainedModel> saved = store == null ? Optional.empty() : store.loadCurrent();
        if (saved.isPresent()) {
          swap(saved.get());
          LOG.info("recommendations: loaded the model set trained at {}",
              java.time.Instant.ofEpochSecond(saved.get().trainedAt()));
          return saved.get();
        }
      } catch (Exception e) {
        LOG.warn("recommendations: cannot load the saved model set ({}); training a new one", e.toString());
      }
      return trainNow(true);
    }, scheduler);
    return started;
  }

  /** Completes when the set that {@link #start} loads or trains is served. */
  public CompletableFuture<TrainedModel> started() {
    return started;
  }

  /** Retrains every {@code period} (after the first period), on the training thread. */
  public void retrainEvery(Duration period) {
    long ms = period.toMillis();
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        trainNow(false);
      } catch (RuntimeException e) {
        LOG.warn("recommendations: retraining failed, the current model stays: {}", e.toString());
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Trains, saves and swaps in a new set on the training thread; completes when it is served. */
  public CompletableFuture<TrainedModel> retrain() {
    return CompletableFuture.supplyAsync(() -> trainNow(false), scheduler);
  }

  /** A training asked for over the API: when it was asked for, and its outcome once done. */
  public static final class Training {
    private final Instant requestedAt;
    private final CompletableFuture<TrainedModel> model;
    private volatile Instant finishedAt;

    Training(Instant requestedAt, CompletableFuture<TrainedModel> model) {
      this.requestedAt = requestedAt;
      this.model = model.whenComplete((m, e) -> finishedAt = Instant.now());
    }

    public Instant requestedAt() {
      return requestedAt;
    }

    /** Completes with the set it trained, or exceptionally with why it failed. */
    public CompletableFuture<TrainedModel> model() {
      return model;
    }

    /** When it finished, or null while it is pending or running. */
    public Instant finishedAt() {
      return finishedAt;
    }
  }

  private Training lastRequested;

  /**
   * Starts a training from the store as it is now, unless one asked for this way is still pending or
   * running, which is then returned instead: callers asking at the same time share one training.
   */
  public synchronized Training requestTraining() {
    if (lastRequested == null || lastRequested.model().isDone()) {
      lastRequested = new Training(Instant.now(), retrain());
    }
    return lastRequested;
  }

  /** The latest training asked for with {@link #requestTraining}, if any. */
  public synchronized Optional<Training> lastRequested() {
    return Optional.ofNullable(lastRequested);
  }

  /**
   * Retrains from the store as it is now and deletes every older saved set: called after an erasure,
   * so the erased user's history leaves the served model and the data dir.
   */
  public CompletableFuture<TrainedModel> retrainForgetting() {
    CompletableFuture<TrainedModel> forgetting = CompletableFuture.supplyAsync(() -> {
      TrainedModel model = trainNow(false);
      if (store != null) {
        try {
          store.dropOlderSets();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot delete older model sets", e);
        }
      }
      return model;
    }, scheduler);
    lastForgetting = forgetting;
    return forgetting;
  }

  private volatile CompletableFuture<TrainedModel> lastForgetting = CompletableFuture.completedFuture(null);

  /**
   * The retraining started by the latest {@link #retrainForgetting} (completed, with null, when there
   * was none): when it completes, the erased users are out of the served set and of the data dir.
   */
  public CompletableFuture<TrainedModel> lastForgetting() {
    return lastForgetting;
  }

  private TrainedModel trainNow(boolean popularityFirst) {
    try {
      long t0 = System.nanoTime();
      long readAt = System.currentTimeMillis();
      Dataset data = source.load();
      if (popularityFirst && current.get() == null) {
        swap(TrainedModel.popularity(data));
      }
      TrainedModel model = TrainedModel.train(data);
      if (store != null) {
        store.save(model);
      }
      swap(model);
      forgetPlayedBefore(readAt);
      LOG.info("recommendations: trained on {} users x {} items in {} ms", model.userCount(),
          model.itemCount(), (System.nanoTime() - t0) / 1_000_000);
      return model;
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Records that {@code userId} started {@code assetId} (from the store loader, once the event is
   * stored): the title leaves the user's lists at once instead of at the next training.
   */
  public void played(String userId, String assetId) {
    if (playedSince.size() >= MAX_RECENT_USERS && !playedSince.containsKey(userId)) {
      return; // bounded memory: beyond this many viewers between trainings, wait for the next one
    }
    Map<String, Long> titles = playedSince.computeIfAbsent(userId, k -> new ConcurrentHashMap<>());
    if (titles.size() < MAX_RECENT_PER_USER || titles.containsKey(assetId)) {
      titles.put(assetId, System.currentTimeMillis());
    }
  }

  /** Drops what was recorded before {@code epochMillis}: the served set's data has it. */
  private void forgetPlayedBefore(long epochMillis) {
    playedSince.values().forEach(titles -> titles.values().removeIf(at -> at < epochMillis));
    playedSince.values().removeIf(Map::isEmpty);
  }

  /** Serves {@code model} from now on. */
  public void swap(TrainedModel model) {
    current.set(model);
  }

  /** The set being served, if any. */
  public Optional<TrainedModel> current() {
    return Optional.ofNullable(current.get());
  }

  /** The list for a user id (known or not). */
  public Response forUser(String userId, RecommendationRules.Request request) {
    TrainedModel model = model();
    UserContext user = model.user(userId);
    Map<String, Long> recent = playedSince.get(userId);
    if (recent != null && !recent.isEmpty() && model.personal()) {
      user = model.withRecent(user, recent.keySet());
    }
    boolean consent = personalization.test(userId);
    boolean personal = consent && model.personal() && user != null;
    UserContext context = user != null ? user : UserContext.newUser(UserProfile.UNKNOWN);
    Recommendations.Result r = model.recommendations().forUser(context, consent, request);
    return new Response(userId, personal && r.personalized(), r.items());
  }

  /** Titles similar to {@code assetId} for an anonymous viewer; empty for an unknown title. */
  public Optional<List<Recommendation>> similar(String assetId, RecommendationRules.Request request) {
    TrainedModel model = model();
    int item = model.data().interactions().items().indexOf(assetId);
    if (item < 0) {
      return Optional.empty();
    }
    return Optional.of(model.recommendations().similarTo(item,
        UserContext.newUser(UserProfile.UNKNOWN), request));
  }

  private TrainedModel model() {
    TrainedModel model = current.get();
    if (model == null) {
      throw new NotReady();
    }
    return model;
  }

  /**
   * Stops retraining: a training in progress is interrupted and waited for (up to 30 s), so it
   * does not outlive the store it reads or write into a data dir being deleted.
   */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("recommendations: training still running at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
