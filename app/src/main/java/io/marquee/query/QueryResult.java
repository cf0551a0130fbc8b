package io.marquee.query;

import java.util.List;

/**
 * The answer to one query: column labels, the rows (values are JSON-friendly: numbers, booleans,
 * strings or null) and whether the rows were cut at the row limit.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {}
