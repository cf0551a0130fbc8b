package io.marquee.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's own scripts, read as text: nothing in them turns a string into HTML or code, and
 * every chart tooltip is drawn on the canvas, so a title from a client can only ever be text (the
 * browser test, DashboardIT, checks one such title end to end).
 */
class DashboardSourcesTest {
  private static final Path DIR = Path.of("src", "main", "resources", "dashboard");

  private static List<Path> files(String ext) throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
    }
  }

  @Test
  void noScript_parsesAStringAsHtmlOrCode_norKeepsAnythingInBrowserStorage() throws IOException {
    List<Path> scripts = files(".js");
    assertThat(scripts).hasSizeGreaterThan(5);
    Pattern sinks = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\s*\\("
        + "|new Function|setAttribute\\(\\s*'(style|on)|localStorage|sessionStorage|document\\.cookie");
    for (Path p : scripts) {
      Matcher m = sinks.matcher(Files.readString(p, StandardCharsets.UTF_8));
      assertThat(m.find() ? m.group() : null).as(p.toString()).isNull();
    }
  }

  @Test
  void everyChartTooltip_isDrawnOnTheCanvas() throws IOException {
    Pattern tooltip = Pattern.compile("tooltip:\\s*\\{([^}]*)}");
    int seen = 0;
    for (Path p : files(".js")) {
      Matcher m = tooltip.matcher(Files.readString(p, StandardCharsets.UTF_8));
      while (m.find()) {
        seen++;
        assertThat(m.group(1)).as(p + ": " + m.group()).contains("renderMode: 'richText'");
      }
    }
    assertThat(seen).isGreaterThan(3);
  }

  @Test
  void thePage_hasNoInlineScriptStyleOrHandler() throws IOException {
    String page = Files.readString(DIR.resolve("index.html"), StandardCharsets.UTF_8);
    assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=")
        .doesNotContainPattern("<style").doesNotContainPattern("\\son[a-z]+=");
    for (Path p : files(".css")) {
      assertThat(Files.readString(p, StandardCharsets.UTF_8)).as(p + ": no external resource").doesNotContain("url(");
    }
  }
}
