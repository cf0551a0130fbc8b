package io.marquee.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Quoted CSV as MovieLens and spreadsheet exports write it. */
class CsvReaderTest {

  @Test
  void quotesDoubledQuotesAndCommasInsideQuotes() throws Exception {
    CsvReader in = reader("a,\"b, c\",\"say \"\"hi\"\"\",,\"\"\n");

    assertThat(in.next()).containsExactly("a", "b, c", "say \"hi\"", "", "");
    assertThat(in.next()).isNull();
  }

  @Test
  void crlfLineEndsBlankLinesAndAByteOrderMark() throws Exception {
    CsvReader in = reader("\uFEFFid,name\r\n\r\n1,x\r\n2,y");

    assertThat(in.next()).containsExactly("id", "name");
    assertThat(in.next()).containsExactly("1", "x");
    assertThat(in.line()).isEqualTo(3);
    assertThat(in.next()).containsExactly("2", "y");
    assertThat(in.line()).isEqualTo(4);
    assertThat(in.next()).isNull();
  }

  @Test
  void aQuotedFieldMaySpanLines() throws Exception {
    CsvReader in = reader("1,\"two\nlines\",x\n2,y,z\n");

    assertThat(in.next()).containsExactly("1", "two\nlines", "x");
    assertThat(in.line()).isEqualTo(1);
    assertThat(in.next()).containsExactly("2", "y", "z");
    assertThat(in.line()).isEqualTo(3);
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsData() throws Exception {
    assertThat(reader("5'11\",x\n").next()).containsExactly("5'11\"", "x");
  }

  @Test
  void textAfterAClosingQuoteIsAnErrorAndReadingGoesOn() throws Exception {
    CsvReader in = reader("1,\"a\"b,c\n2,d,e\n");

    assertThatThrownBy(in::next)
        .isInstanceOf(BadRowException.class)
        .hasMessage("field 2 has 'b' after its closing quote");
    assertThat(in.line()).isEqualTo(1);
    assertThat(in.next()).containsExactly("2", "d", "e");
  }

  @Test
  void anUnclosedQuoteEndsTheInput() throws Exception {
    CsvReader in = reader("1,ok\n2,\"never closed\n3,x\n");

    assertThat(in.next()).containsExactly("1", "ok");
    assertThatThrownBy(in::next)
        .isInstanceOf(BadRowException.class)
        .hasMessageContaining("never closed");
    assertThat(in.line()).isEqualTo(2);
    assertThat(in.next()).isNull();
  }

  @Test
  void aLineOverTheLimitIsRefusedWithItsNumber_andReadingGoesOnAfterIt() throws Exception {
    CsvReader in = reader("1,ok\n2," + "x".repeat(Lines.MAX_CHARS) + "\r\n3,next\n");

    assertThat(in.next()).containsExactly("1", "ok");
    assertThatThrownBy(in::next)
        .isInstanceOf(BadRowException.class)
        .hasMessage("the line has 1,048,578 characters; the limit is 1,048,576; it was skipped");
    assertThat(in.line()).isEqualTo(2);
    assertThat(in.next()).containsExactly("3", "next");
    assertThat(in.line()).isEqualTo(3);
    assertThat(in.next()).isNull();
  }

  @Test
  void aLineExactlyAtTheLimitIsRead() throws Exception {
    String field = "y".repeat(Lines.MAX_CHARS - 2);
    CsvReader in = reader("1," + field + "\r\n");
    assertThat(in.next()).containsExactly("1", field);
  }

  private static CsvReader reader(String text) {
    return new CsvReader(new BufferedReader(new StringReader(text)));
  }
}
