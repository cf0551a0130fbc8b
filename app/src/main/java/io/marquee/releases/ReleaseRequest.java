package io.marquee.releases;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.marquee.insights.ReportRange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One release asked for: {@code {"subject": {"title": "ASSET_ID"} | {"audience": "ID"}, "from",
 * "to", "epsilon", "figures": [...]}}. A title's figures are {@code viewers}, {@code views}, {@code
 * hours}, {@code age_bracket}, {@code gender}, {@code country}; an audience's {@code size}, {@code
 * age_bracket}, {@code gender}, {@code country}. The range ({@link ReportRange}, UTC days, the last
 * 28 by default) applies to a title; an audience is released as it is now.
 *
 * @param kind {@code title} or {@code audience}
 * @param id the asset id or audience id
 * @param range the days of a title's views
 * @param epsilon the release's whole epsilon, split evenly over its figures
 * @param figures the figures asked for, each once, in the order asked
 */
public record ReleaseRequest(String kind, String id, ReportRange range, Rational epsilon, List<String> figures) {
  /** Figures of a title. */
  public static final List<String> TITLE_FIGURES = List.of("viewers", "views", "hours", "age_bracket", "gender",
      "country");
  /** Figures of an audience. */
  public static final List<String> AUDIENCE_FIGURES = List.of("size", "age_bracket", "gender", "country");
  /** Longest subject id accepted. */
  static final int MAX_ID = 200;

  public ReleaseRequest {
    figures = List.copyOf(figures);
  }

  /** The ledger's name of the subject, {@code title:ID} or {@code audience:ID}. */
  public String subject() {
    return kind + ":" + id;
  }

  /** The epsilon each figure gets: the release's divided by the number of figures. */
  public Rational epsilonPerFigure() {
    return epsilon.dividedBy(figures.size());
  }

  /**
   * Reads a request body; a 400 naming the bad parameter.
   *
   * @param body the parsed JSON body
   * @param budget the most epsilon a subject may have (an epsilon above it is refused here, as bad input)
   */
  public static ReleaseRequest parse(JsonNode body, Rational budget, Clock clock) {
    if (body == null || !body.isObject()) {
      throw new BadRequestResponse("body: a JSON object {\"subject\", \"epsilon\", \"figures\", \"from\", \"to\"}");
    }
    JsonNode subject = body.path("subject");
    String kind;
    if (subject.isObject() && subject.size() == 1 && subject.has("title")) {
      kind = "title";
    } else if (subject.isObject() && subject.size() == 1 && subject.has("audience")) {
      kind = "audience";
    } else {
      throw new BadRequestResponse("subject: {\"title\": \"ASSET_ID\"} or {\"audience\": \"ID\"}");
    }
    JsonNode idNode = subject.get(kind);
    if (!idNode.isTextual() || idNode.asText().isBlank() || idNode.asText().length() > MAX_ID) {
      throw new BadRequestResponse("subject." + kind + ": a non-empty id of at most " + MAX_ID + " characters");
    }
    JsonNode e = body.path("epsilon");
    if (!e.isTextual() && !e.isNumber()) {
      throw new BadRequestResponse("epsilon: a positive number such as 0.5 (or \"1/3\"), at most the budget " + budget);
    }
    Rational epsilon;
    try {
      epsilon = Rational.parse(e.isNumber() ? e.decimalValue().toPlainString() : e.asText());
    } catch (IllegalArgumentException ex) {
      throw new BadRequestResponse("epsilon: " + ex.getMessage());
    }
    if (epsilon.isZero() || epsilon.compareTo(budget) > 0) {
      throw new BadRequestResponse("epsilon: more than 0 and at most the budget of a subject, " + budget + ", not "
          + epsilon);
    }
    List<String> allowed = kind.equals("title") ? TITLE_FIGURES : AUDIENCE_FIGURES;
    JsonNode f = body.path("figures");
    if (!f.isArray() || f.isEmpty()) {
      throw new BadRequestResponse("figures: a non-empty list of " + String.join(", ", allowed));
    }
    List<String> figures = new ArrayList<>();
    for (JsonNode n : f) {
      String name = n.asText();
      if (!n.isTextual() || !allowed.contains(name)) {
        throw new BadRequestResponse("figures: '" + n.asText() + "' is not a figure of a " + kind + "; one of "
            + String.join(", ", allowed));
      }
      if (figures.contains(name)) {
        throw new BadRequestResponse("figures: '" + name + "' is asked for twice");
      }
      figures.add(name);
    }
    ReportRange range = ReportRange.parse(text(body, "from"), text(body, "to"), "UTC", clock);
    return new ReleaseRequest(kind, idNode.asText(), range, epsilon, figures);
  }

  private static String text(JsonNode body, String name) {
    JsonNode n = body.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new BadRequestResponse(name + ": an ISO date such as 2026-11-01");
    }
    return n.asText();
  }
}
