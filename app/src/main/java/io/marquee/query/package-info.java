/**
 * SQL over a running node: {@link io.marquee.query.SqlApi} ({@code POST /v1/sql}, role {@code
 * admin}) runs one read-only query at a time through {@link io.marquee.query.QueryRunner}, with a
 * time, row and memory limit, and answers CSV or JSON ({@link io.marquee.core.Csv}, shared with
 * the offline {@code marquee sql}).
 */
package io.marquee.query;
