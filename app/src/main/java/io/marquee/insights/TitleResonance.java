package io.marquee.insights;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The node service that tells the audience cells a title resonates with, as its title report shows
 * them ({@code resonates_with} of {@code GET /v1/insights/titles/{assetId}} over the default range,
 * small cells suppressed): for capabilities after insights, such as audiences' "who to market a new
 * title to". Offered by {@link InsightsCapability}.
 */
public interface TitleResonance {
  /**
   * The resonating cells of {@code assetId}, {@code [{"dimension","value","viewers","share","index","p_value"}]},
   * largest index first; empty for a title with too few viewers or unknown.
   */
  List<Map<String, Object>> resonatesWith(String assetId) throws SQLException;
}
