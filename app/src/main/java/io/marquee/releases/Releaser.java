package io.marquee.releases;

import io.marquee.audiences.AudienceMembers;
import io.marquee.audit.AuditAction;
import io.marquee.audit.AuditLog;
import io.marquee.insights.SmallCells;
import io.marquee.store.Store;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes one release: reads the subject's exact figures with every person's contribution bounded
 * ({@link TrueCounts}), charges its epsilon to the subject's budget ({@link BudgetLedger}: refused
 * once spent), adds exact discrete Laplace noise to each count ({@link ExactNoise}), clamps negative
 * noisy counts to 0 and applies small-cell suppression ({@link SmallCells}) to the noisy counts, and
 * records the release in the audit log (who, subject, epsilon, figures, range and the noisy values
 * released). Both {@code POST /v1/releases} and {@code marquee release}
 * answer with {@link #release}.
 *
 * <p>Privacy accounting (docs/privacy.md): the release's epsilon is split evenly over its figures
 * (sequential composition); a breakdown is one figure because its cells are disjoint (each person is
 * in one cell: parallel composition). Sensitivities: 1 for people counted (viewers, size, each
 * breakdown's cells), {@code releases.max-views-per-user} for views and {@code
 * releases.max-hours-per-user} x 60 for watch time, which is noised in whole minutes and shown in
 * whole hours.
 */
public final class Releaser {
  /** What the answer names as the mechanism. */
  static final String MECHANISM = "discrete Laplace (two-sided geometric), sampled exactly";

  private final Store store;
  private final BudgetLedger ledger;
  private final ExactNoise noise;
  private final AuditLog audit;
  private final Supplier<Optional<AudienceMembers>> audiences;
  private final int maxViews;
  private final int maxHours;

  /**
   * @param store the store to read
   * @param ledger the data dir's budget ledger
   * @param noise the noise sampler (SecureRandom in production)
   * @param audit the data dir's audit log
   * @param audiences the audiences service, when the node has one (looked up at each release)
   * @param maxViews most views one person contributes to a title's views
   * @param maxHours most hours one person contributes to a title's hours
   */
  public Releaser(Store store, BudgetLedger ledger, ExactNoise noise, AuditLog audit,
      Supplier<Optional<AudienceMembers>> audiences, int maxViews, int maxHours) {
    if (maxViews < 1 || maxHours < 1) {
      throw new IllegalArgumentException("releases.max-views-per-user and releases.max-hours-per-user must be at least 1");
    }
    this.store = store;
    this.ledger = ledger;
    this.noise = noise;
    this.audit = audit;
    this.audiences = audiences;
    this.maxViews = maxViews;
    this.maxHours = maxHours;
  }

  /** The budget every subject has. */
  public Rational budget() {
    return ledger.limit();
  }

  /** A release whose subject does not exist or cannot be read here (404, with the reason). */
  public static final class NoSubjectException extends Exception {
    private static final long serialVersionUID = 1L;

    NoSubjectException(String message) {
      super(message);
    }
  }

  /**
   * Makes the release {@code request} asks for, for {@code actor} (as the audit log names it).
   *
   * @return the answer: subject, range, mechanism, epsilon per figure, the noisy figures, the budget
   * @throws NoSubjectException when the title or audience is unknown, or audiences are not served here
   * @throws BudgetLedger.BudgetSpentException when the subject's budget has less than the epsilon left
   */
  public Map<String, Object> release(ReleaseRequest request, String actor)
      throws SQLException, IOException, NoSubjectException, BudgetLedger.BudgetSpentException {
    TrueCounts exact = exact(request);
    BudgetLedger.Charge charge = ledger.charge(request.subject(), request.epsilon(), actor, request.figures());
    Rational each = request.epsilonPerFigure();
    List<Map<String, Object>> figures = new ArrayList<>();
    for (String f : request.figures()) {
      figures.add(Cells.DIMENSIONS.contains(f) ? breakdown(f, exact.cells().get(f), each) : total(f, exact, each));
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("subject", request.subject());
    details.put("epsilon", request.epsilon().toString());
    details.put("figures", String.join(",", request.figures()));
    details.put("released", released(figures));
    if (request.kind().equals("title")) {
      details.put("from", request.range().from().toString());
      details.put("to", request.range().to().toString());
    }
    audit.append(actor, AuditAction.RELEASE, null, details);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subject", Map.of(request.kind(), request.id()));
    if (request.kind().equals("title")) {
      out.put("from", request.range().from().toString());
      out.put("to", request.range().to().toString());
    }
    Map<String, Object> mechanism = new LinkedHashMap<>();
    mechanism.put("name", MECHANISM);
    mechanism.put("sampling", "Canonne, Kamath, Steinke 2020, Algorithm 2, from uniform random integers; no floating point");
    mechanism.put("composition", "epsilon split evenly over the " + request.figures().size()
        + " figures; the cells of a breakdown are disjoint and share its epsilon");
    mechanism.put("contribution_bounds", Map.of("views_per_user", maxViews, "hours_per_user", maxHours));
    mechanism.put("post_processing", "negative noisy counts shown as 0; noisy counts under " + SmallCells.MIN_USERS
        + " shown as " + SmallCells.SUPPRESSED + " (with complementary suppression in a breakdown)");
    out.put("mechanism", mechanism);
    out.put("epsilon", request.epsilon().toString());
    out.put("epsilon_per_figure", each.toString());
    out.put("figures", figures);
    Map<String, Object> budget = new LinkedHashMap<>();
    budget.put("limit", ledger.limit().toString());
    budget.put("spent", charge.spent().toString());
    budget.put("remaining", charge.remaining().toString());
    budget.put("remaining_decimal", charge.remaining().toDouble());
    out.put("budget", budget);
    return out;
  }

  private TrueCounts exact(ReleaseRequest request) throws SQLException, NoSubjectException {
    if (request.kind().equals("title")) {
      try (Connection c = store.readConnection()) {
        if (!TrueCounts.titleExists(c, request.id())) {
          throw new NoSubjectException("no title " + request.id() + " in the catalog or the views");
        }
        return TrueCounts.ofTitle(c, request.id(), request.range(), maxViews, 60L * maxHours);
      }
    }
    AudienceMembers service = audiences.get().orElseThrow(() -> new NoSubjectException(
        "this node serves no audiences (the audiences capability, which offers AudienceMembers, is not installed),"
            + " so audience " + request.id() + " cannot be released"));
    Optional<AudienceMembers.Members> members = service.members(request.id());
    if (members.isEmpty()) {
      throw new NoSubjectException("no audience " + request.id());
    }
    try (Connection c = store.readConnection()) {
      return TrueCounts.ofMembers(c, members.get().userIds());
    }
  }

  private Map<String, Object> total(String figure, TrueCounts exact, Rational epsilon) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("figure", figure);
    f.put("epsilon", epsilon.toString());
    long sensitivity;
    long value;
    switch (figure) {
      case "views" -> {
        sensitivity = maxViews;
        value = noisy(exact.totals().get("views"), sensitivity, epsilon);
      }
      case "hours" -> {
        sensitivity = 60L * maxHours;
        long minutes = noisy(exact.totals().get("minutes"), sensitivity, epsilon);
        value = (minutes + 30) / 60;
        f.put("unit", "hours, noised in minutes (sensitivity in minutes)");
      }
      default -> {
        sensitivity = 1;
        value = noisy(exact.totals().get(figure), sensitivity, epsilon);
      }
    }
    f.put("sensitivity", sensitivity);
    f.put("scale", scale(sensitivity, epsilon).toString());
    // views and hours are not counts of people, but a small one still comes from few people: suppressed alike
    f.put("value", SmallCells.count(value));
    return f;
  }

  private Map<String, Object> breakdown(String dimension, Map<String, Long> cells, Rational epsilon) {
    List<String> values = new ArrayList<>(cells.keySet());
    long[] counts = new long[values.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = noisy(cells.get(values.get(i)), 1, epsilon);
    }
    boolean[] hidden = SmallCells.suppress(counts);
    List<Map<String, Object>> shown = new ArrayList<>();
    int suppressed = 0;
    for (int i = 0; i < counts.length; i++) {
      if (hidden[i]) {
        suppressed++;
        continue;
      }
      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("value", values.get(i));
      cell.put("count", counts[i]);
      shown.add(cell);
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("figure", dimension);
    f.put("epsilon", epsilon.toString());
    f.put("sensitivity", 1);
    f.put("scale", scale(1, epsilon).toString());
    f.put("cells", shown);
    f.put("cells_in_domain", counts.length);
    f.put("suppressed_cells", suppressed);
    return f;
  }

  /**
   * What was released, for the audit log: {@code figure=value} or {@code figure=cell:count,...} (the
   * cells shown), separated by {@code ;}. These are the noisy figures the recipient got, never the exact ones.
   */
  private static String released(List<Map<String, Object>> figures) {
    StringBuilder b = new StringBuilder();
    for (Map<String, Object> f : figures) {
      if (b.length() > 0) {
        b.append(';');
      }
      b.append(f.get("figure")).append('=');
      if (f.containsKey("value")) {
        b.append(f.get("value"));
        continue;
      }
      StringBuilder cells = new StringBuilder();
      for (Object o : (List<?>) f.get("cells")) {
        Map<?, ?> cell = (Map<?, ?>) o;
        cells.append(cells.length() == 0 ? "" : ",").append(cell.get("value")).append(':').append(cell.get("count"));
      }
      b.append(cells);
    }
    return b.toString();
  }

  /** The exact count plus noise, clamped at 0 (post-processing, which costs no privacy). */
  private long noisy(long exact, long sensitivity, Rational epsilon) {
    return Math.max(0, Math.addExact(exact, noise.laplace(sensitivity, epsilon)));
  }

  private static Rational scale(long sensitivity, Rational epsilon) {
    return new Rational(epsilon.den().multiply(java.math.BigInteger.valueOf(sensitivity)), epsilon.num());
  }
}
