package io.marquee.audiences;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The members of saved audiences, as the capabilities that send them elsewhere (ad-platform
 * exports, partner files, releases) read them: a node service that the audiences capability
 * offers ({@code Services.offer(AudienceMembers.class, ...)}).
 */
public interface AudienceMembers {

  /**
   * The audience's current members, or empty when no audience has this id (or it was deleted).
   * Members are users who did not withdraw {@code marketing} consent, are not suppressed and not
   * erased; a consumer that sends them off the platform applies its own, stricter consent rule.
   */
  Optional<Members> members(String audienceId) throws SQLException;

  /**
   * One audience's membership.
   *
   * @param audienceId the audience's id
   * @param name its name
   * @param userIds the members' user ids, in id order
   * @param computedAt when the membership was computed (the audience's freshness)
   */
  record Members(String audienceId, String name, List<String> userIds, Instant computedAt) {
    public Members {
      userIds = List.copyOf(userIds);
    }
  }
}
