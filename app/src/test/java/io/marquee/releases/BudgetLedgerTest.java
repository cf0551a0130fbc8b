package io.marquee.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetLedgerTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private BudgetLedger open(String limit) throws Exception {
    return BudgetLedger.open(dir, Rational.parse(limit), json, Clock.systemUTC());
  }

  @Test
  void charges_addUpPerSubject_andTheOneThatWouldExceedTheLimit_isRefusedWithWhatIsLeft() throws Exception {
    try (BudgetLedger ledger = open("3")) {
      assertThat(ledger.charge("title:a", Rational.parse("1"), "key:x", List.of("viewers")).remaining())
          .isEqualTo(Rational.of(2, 1));
      assertThat(ledger.charge("title:a", Rational.parse("1.5"), "key:x", List.of("views")).remaining())
          .isEqualTo(Rational.of(1, 2));
      assertThat(ledger.charge("title:b", Rational.parse("3"), "key:x", List.of("views")).remaining())
          .isEqualTo(Rational.ZERO);

      assertThatThrownBy(() -> ledger.charge("title:a", Rational.parse("0.6"), "key:x", List.of("views")))
          .isInstanceOfSatisfying(BudgetLedger.BudgetSpentException.class,
              e -> assertThat(e.remaining).isEqualTo(Rational.of(1, 2)));
      assertThat(ledger.charge("title:a", Rational.parse("1/2"), "key:x", List.of("views")).remaining())
          .isEqualTo(Rational.ZERO);
      assertThat(ledger.spent("title:a")).isEqualTo(Rational.of(3, 1));
      assertThat(ledger.spent("audience:a")).isEqualTo(Rational.ZERO);
    }
  }

  @Test
  void theSpend_persistsAcrossAReopen() throws Exception {
    try (BudgetLedger ledger = open("3")) {
      ledger.charge("title:a", Rational.parse("2"), "key:x", List.of("viewers"));
    }
    try (BudgetLedger ledger = open("3")) {
      assertThat(ledger.spent("title:a")).isEqualTo(Rational.of(2, 1));
      assertThatThrownBy(() -> ledger.charge("title:a", Rational.parse("1.01"), "key:x", List.of("views")))
          .isInstanceOf(BudgetLedger.BudgetSpentException.class);
    }
    String text = Files.readString(dir.resolve("releases/ledger.jsonl"));
    assertThat(text.lines()).hasSize(1);
    assertThat(json.readTree(text).path("epsilon").asText()).isEqualTo("2");
    assertThat(json.readTree(text).path("actor").asText()).isEqualTo("key:x");
  }

  @Test
  void aTornLastLine_leftByACrash_isNotCounted_andIsCutBeforeTheNextCharge() throws Exception {
    try (BudgetLedger ledger = open("3")) {
      ledger.charge("title:a", Rational.parse("1"), "key:x", List.of("viewers"));
    }
    Files.write(dir.resolve("releases/ledger.jsonl"), "{\"subject\":\"title:a\",\"eps".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    try (BudgetLedger ledger = open("3")) {
      assertThat(ledger.spent("title:a")).isEqualTo(Rational.of(1, 1));
      ledger.charge("title:a", Rational.parse("1"), "key:x", List.of("viewers"));
    }
    List<String> lines = Files.readAllLines(dir.resolve("releases/ledger.jsonl"));
    assertThat(lines).hasSize(2);
    for (String l : lines) {
      assertThat(json.readTree(l).path("epsilon").asText()).isEqualTo("1");
    }
  }

  @Test
  void manyChargesAtOnce_fromTwoLedgersOnTheFile_neverOverspend() throws Exception {
    try (BudgetLedger one = open("3"); BudgetLedger two = open("3")) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        BudgetLedger ledger = i % 2 == 0 ? one : two;
        results.add(pool.submit(() -> {
          start.await();
          try {
            ledger.charge("title:a", Rational.parse("1/2"), "key:x", List.of("viewers"));
            return true;
          } catch (BudgetLedger.BudgetSpentException e) {
            return false;
          }
        }));
      }
      start.countDown();
      int granted = 0;
      for (Future<Boolean> f : results) {
        if (f.get(30, TimeUnit.SECONDS)) {
          granted++;
        }
      }
      pool.shutdown();
      assertThat(granted).isEqualTo(6);
      assertThat(one.spent("title:a")).isEqualTo(Rational.of(3, 1));
    }
  }
}
