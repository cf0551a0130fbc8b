package io.marquee.access;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;

/**
 * Bearer-token checks for the management endpoints: 401 without a valid key, 403 for the wrong
 * role. Marquee has two kinds of keys, and each 401 says which kind and role the endpoint wants:
 * write keys ({@code wk_...}) only send events to the collection API, as a Segment write key does;
 * API keys ({@code mq_...}, {@code marquee keys create --role ROLE}) call everything else.
 */
public final class Authorization {
  /** How write keys start ({@code collect.WriteKeys}): they authenticate collection only. */
  static final String WRITE_KEY_PREFIX = "wk_";
  private final ApiKeys keys;

  public Authorization(ApiKeys keys) {
    this.keys = keys;
  }

  /** The caller, if it holds a key whose role allows {@code required}. */
  public Principal require(Context ctx, Role required) {
    String token = AuthorizationHeader.bearer(ctx.header("Authorization"))
        .orElseThrow(() -> new UnauthorizedResponse("this needs an API key (mq_...) with the "
            + required.wireName() + " role: Authorization: Bearer KEY; `marquee keys create --role "
            + required.wireName() + "` prints one"));
    if (token.startsWith(WRITE_KEY_PREFIX)) {
      throw new UnauthorizedResponse("that is a write key (wk_...), which only sends events; this needs an "
          + "API key (mq_...) with the " + required.wireName() + " role, from `marquee keys create --role "
          + required.wireName() + "`");
    }
    Principal p = keys.authenticate(token).orElseThrow(() -> new UnauthorizedResponse("unknown or revoked API key"));
    if (!p.may(required)) {
      throw new ForbiddenResponse("this needs the " + required.wireName() + " role; the key has "
          + p.role().wireName());
    }
    return p;
  }
}
