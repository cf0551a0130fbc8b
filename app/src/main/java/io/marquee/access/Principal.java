package io.marquee.access;

/**
 * Who made a request: the id of the API key it carried (never the key) and the key's role.
 *
 * @param id the key id, e.g. {@code 3f9a1c2b7d4e}; audit entries name the actor {@code key:ID}
 */
public record Principal(String id, Role role) {
  /** True if this principal's role allows {@code required}. */
  public boolean may(Role required) {
    return role.allows(required);
  }

  /** The actor name for audit entries. */
  public String actor() {
    return "key:" + id;
  }
}
