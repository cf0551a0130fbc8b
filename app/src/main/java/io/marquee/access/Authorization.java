package io.marquee.access;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.time.Clock;
import java.util.Optional;

/**
 * Bearer-token checks for the management endpoints: 401 without a valid key, 403 for the wrong
 * role. Marquee has two kinds of keys, and each 401 says which kind and role the endpoint wants:
 * write keys ({@code wk_...}) only send events to the collection API, as a Segment write key does;
 * API keys ({@code mq_...}, {@code marquee keys create --role ROLE}) call everything else. A request
 * without a Bearer header may instead carry the dashboard's session cookie ({@link Sessions}, which
 * also checks the Origin of requests that change anything).
 */
public final class Authorization {
  /** How write keys start ({@code collect.WriteKeys}): they authenticate collection only. */
  static final String WRITE_KEY_PREFIX = "wk_";
  private final ApiKeys keys;
  private final Sessions sessions;

  public Authorization(ApiKeys keys) {
    this(keys, new Sessions(keys, Clock.systemUTC()));
  }

  public Authorization(ApiKeys keys, Sessions sessions) {
    this.keys = keys;
    this.sessions = sessions;
  }

  /** The dashboard's sign-in sessions, which {@link #require} accepts beside the Bearer header. */
  public Sessions sessions() {
    return sessions;
  }

  /** The caller, if it holds a key whose role allows {@code required}. */
  public Principal require(Context ctx, Role required) {
    Optional<String> bearer = AuthorizationHeader.bearer(ctx.header("Authorization"));
    Optional<String> session = bearer.isEmpty() ? Sessions.token(ctx) : Optional.empty();
    Principal p = session.isPresent() ? sessions.require(ctx, session.get()) : key(bearer, required);
    if (!p.may(required)) {
      throw new ForbiddenResponse("this needs the " + required.wireName() + " role; the key has "
          + p.role().wireName());
    }
    return p;
  }

  private Principal key(Optional<String> bearer, Role required) {
    String token = bearer
        .orElseThrow(() -> new UnauthorizedResponse("this needs an API key (mq_...) with the "
            + required.wireName() + " role: Authorization: Bearer KEY; `marquee keys create --role "
            + required.wireName() + "` prints one"));
    if (token.startsWith(WRITE_KEY_PREFIX)) {
      throw new UnauthorizedResponse("that is a write key (wk_...), which only sends events; this needs an "
          + "API key (mq_...) with the " + required.wireName() + " role, from `marquee keys create --role "
          + required.wireName() + "`");
    }
    return keys.authenticate(token).orElseThrow(() -> new UnauthorizedResponse("unknown or revoked API key"));
  }
}
