package io.marquee.adexport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an export will send, decided before any personal field is read: the user ids to write, and
 * how many of the audience's members were left out and why.
 *
 * @param members the audience's members
 * @param userIds the ids to write, in order (for {@code --removals}: those who left)
 * @param minors members under 18, left out of an ad-platform file
 * @param unknownAge members of unknown age, left out of an ad-platform file
 * @param noOptIn adult members without an explicit {@code marketing} opt-in, left out of an ad-platform file
 * @param unreadable for {@code --removals}: members of the last export who can no longer be read
 *     (erased, or left the store), so cannot be listed
 * @param refusal why the export is refused, or null when it may go ahead
 */
public record ExportPlan(String audienceId, AdFormat format, boolean removals, int members, List<String> userIds,
    int minors, int unknownAge, int noOptIn, int unreadable, String refusal) {
  public ExportPlan {
    userIds = List.copyOf(userIds);
  }

  /** The counts, by the names the audit entry, the HTTP headers and the CLI summary use. */
  public Map<String, String> counts() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("members", Integer.toString(members));
    out.put(removals ? "removals" : "exported", Integer.toString(userIds.size()));
    out.put("left_out_minors", Integer.toString(minors));
    out.put("left_out_unknown_age", Integer.toString(unknownAge));
    out.put("left_out_no_opt_in", Integer.toString(noOptIn));
    if (removals) {
      out.put("removals_unreadable", Integer.toString(unreadable));
    }
    return out;
  }

  /** One sentence saying what was sent and what was left out, for people. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(removals ? userIds.size() + " members who left since the last " + format.wireName() + " export"
        : userIds.size() + " of " + members + " members exported as " + format.wireName());
    if (format.adPlatform()) {
      b.append("; left out: ").append(minors).append(" under 18, ").append(unknownAge).append(" of unknown age (")
          .append("never sent to an ad platform), ").append(noOptIn).append(" without an explicit marketing opt-in");
    }
    if (removals) {
      b.append("; ").append(unreadable).append(" members of the last export could not be read (erased or gone)");
    }
    return b.toString();
  }
}
