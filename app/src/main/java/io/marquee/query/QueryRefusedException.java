package io.marquee.query;

/**
 * A query that did not run or did not finish, with a stable code for clients and docs: {@code
 * sql_error} (DuckDB refused it), {@code read_only} (it writes), {@code out_of_reach} (files,
 * other databases, extensions or settings), {@code timeout} (cancelled at the time limit), {@code
 * no_result} (a statement that returns no rows), {@code empty} (no SQL sent).
 */
public final class QueryRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  QueryRefusedException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable code naming why. */
  public String code() {
    return code;
  }
}
