/**
 * The web dashboard: {@link io.marquee.dashboard.DashboardCapability} registers the sign-in
 * routes ({@link io.marquee.dashboard.SessionApi}, {@code /v1/session}) and the pages and their
 * static files ({@link io.marquee.dashboard.DashboardPages}: the single-page app at {@code /}, its
 * modules under {@code /static/}, ECharts at {@code /assets/echarts.min.js}). The pages render from
 * the {@code /v1/insights} JSON API and, for marketer keys, the {@code /v1/audiences} one (builder,
 * list, audience, compare, exports), authenticated by the session cookie of {@code access.Sessions}.
 */
package io.marquee.dashboard;
