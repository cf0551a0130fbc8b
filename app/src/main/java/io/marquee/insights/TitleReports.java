package io.marquee.insights;

import io.javalin.config.RoutesConfig;

/**
 * The title report family: one title ({@link TitleReport}), a series ({@link SeriesReport}) and the
 * titles list ({@link TitleList}), sharing the platform baselines ({@link TitleBaselines}).
 */
final class TitleReports {
  private final Insights insights;

  TitleReports(Insights insights) {
    this.insights = insights;
  }

  /** Registers the routes; returns the resonance of titles, from the title report over the default range. */
  TitleResonance register(RoutesConfig routes) {
    new TitleList(insights).register(routes);
    TitleBaselines baselines = new TitleBaselines(insights.clock(), insights::read, insights::views);
    insights.onErasure(baselines::clear);
    TitleReport title = new TitleReport(insights, baselines);
    title.register(routes);
    new SeriesReport(insights).register(routes);
    return title::resonatesWith;
  }
}
