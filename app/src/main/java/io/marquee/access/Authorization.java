package io.marquee.access;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;

/** Bearer-token checks for the management endpoints: 401 without a valid key, 403 for the wrong role. */
public final class Authorization {
  private final ApiKeys keys;

  public Authorization(ApiKeys keys) {
    this.keys = keys;
  }

  /** The caller, if it holds a key whose role allows {@code required}. */
  public Principal require(Context ctx, Role required) {
    String token = AuthorizationHeader.bearer(ctx.header("Authorization"))
        .orElseThrow(() -> new UnauthorizedResponse("an API key is required: Authorization: Bearer KEY"));
    Principal p = keys.authenticate(token).orElseThrow(() -> new UnauthorizedResponse("unknown or revoked API key"));
    if (!p.may(required)) {
      throw new ForbiddenResponse("this needs the " + required.wireName() + " role; the key has "
          + p.role().wireName());
    }
    return p;
  }
}
