package io.marquee.access;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sign-in sessions: an API key of role {@code analyst} or above exchanged for a
 * random 256-bit token carried in the {@code marquee_session} cookie (HttpOnly, SameSite=Strict,
 * Secure under TLS), which {@link Authorization#require} accepts beside the Bearer header.
 *
 * <p>Sessions live in memory only (a restart signs everyone out) and are held by the SHA-256 of
 * their token, so the tokens themselves are kept nowhere. A session ends on sign-out, after {@link
 * #IDLE} without a request, and as soon as its key is revoked: the key is looked up through {@link
 * ApiKeys} on every request. A request authenticated by the cookie that changes anything (any
 * method but GET, HEAD, OPTIONS) must carry an {@code Origin} equal to the server's own (scheme and
 * {@code Host} header; {@code https} with that host also passes, for a TLS-terminating proxy in
 * front), else 403: the one CSRF rule, on top of SameSite=Strict.
 */
public final class Sessions {
  /** The cookie's name. */
  public static final String COOKIE = "marquee_session";
  /** How long a session lives without a request. */
  public static final Duration IDLE = Duration.ofHours(8);
  /** At most this many sessions at once; the least recently used one makes room for a new one. */
  static final int MAX_SESSIONS = 10_000;
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final ApiKeys keys;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byDigest = new ConcurrentHashMap<>();

  /** One signed-in session: the key it was opened with and when it was last used. */
  private static final class Session {
    final Principal principal;
    final Instant opened;
    volatile Instant lastUsed;

    Session(Principal principal, Instant opened) {
      this.principal = principal;
      this.opened = opened;
      this.lastUsed = opened;
    }
  }

  /** What is known of a live session: its key and role, and when it ends if left idle. */
  public record Info(Principal principal, Instant opened, Instant idleUntil) {}

  public Sessions(ApiKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** Opens a session for {@code principal} (already authenticated); returns its token, to put in the cookie. */
  public String open(Principal principal) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Instant now = clock.instant();
    if (byDigest.size() >= MAX_SESSIONS) {
      byDigest.values().removeIf(s -> idle(s, now));
      byDigest.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastUsed))
          .filter(e -> byDigest.size() >= MAX_SESSIONS).ifPresent(e -> byDigest.remove(e.getKey()));
    }
    byDigest.put(digest(token), new Session(principal, now));
    return token;
  }

  /**
   * The live session of {@code token}, touched (its idle time starts again); empty when there is
   * none, it has been idle too long or its key is revoked (the session is ended then).
   */
  public Optional<Info> use(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    String d = digest(token);
    Session s = byDigest.get(d);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (idle(s, now) || !keyActive(s.principal.id())) {
      byDigest.remove(d);
      return Optional.empty();
    }
    s.lastUsed = now;
    return Optional.of(new Info(s.principal, s.opened, now.plus(IDLE)));
  }

  /** Ends the session of {@code token}; false when there was none. */
  public boolean close(String token) {
    return token != null && byDigest.remove(digest(token)) != null;
  }

  /** How many sessions are held (ended ones are dropped as they are next used or on a full table). */
  int size() {
    return byDigest.size();
  }

  /** The session token of a request's cookie, if it carries one. */
  public static Optional<String> token(Context ctx) {
    String t = ctx.cookie(COOKIE);
    return t == null || t.isEmpty() ? Optional.empty() : Optional.of(t);
  }

  /**
   * The principal of the request's session cookie, with the Origin rule for requests that change
   * anything; 401 when the session has ended, 403 for a missing or foreign Origin.
   */
  Principal require(Context ctx, String token) {
    Info info = use(token).orElseThrow(() -> new UnauthorizedResponse("the dashboard session has ended "
        + "(signed out, 8 idle hours, its key revoked, or the server restarted): sign in again with an API key"));
    checkOrigin(ctx);
    return info.principal();
  }

  /** 403 unless a request that changes anything carries an Origin equal to the server's own. */
  public static void checkOrigin(Context ctx) {
    if (!originAllowed(ctx.method().name(), ctx.header("Origin"), ctx.scheme(), ctx.header("Host"))) {
      throw new ForbiddenResponse("a request authenticated by the session cookie that changes anything must "
          + "carry an Origin header equal to this server's (" + ctx.scheme() + "://" + ctx.header("Host") + ")");
    }
  }

  /** True when a request of {@code method} from {@code origin} may act on the server at scheme://host. */
  static boolean originAllowed(String method, String origin, String scheme, String host) {
    if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      return true;
    }
    if (origin == null || host == null || host.isBlank()) {
      return false;
    }
    String o = origin.strip();
    // behind a TLS-terminating proxy the browser's origin is https while this server sees http
    return o.equalsIgnoreCase(scheme + "://" + host.strip()) || o.equalsIgnoreCase("https://" + host.strip());
  }

  private boolean keyActive(String id) {
    return keys.list().stream().anyMatch(k -> k.id().equals(id) && k.active());
  }

  private static boolean idle(Session s, Instant now) {
    return !now.isBefore(s.lastUsed.plus(IDLE));
  }

  private static String digest(String token) {
    return HexFormat.of().formatHex(ApiKeys.sha256(token));
  }
}
