package io.marquee.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Bounded line reading: LF and CRLF, lines across buffer boundaries, overlong lines skipped. */
class LinesTest {

  @Test
  void crlfSplitAcrossTheBuffer_endsTheLineWithoutItsCr() throws Exception {
    String first = "a".repeat(8191); // its CR is the buffer's last char, the LF the next read's first
    Lines in = new Lines(new StringReader(first + "\r\nb\nlast-without-newline"), 10_000);
    assertThat(in.next()).isEqualTo(first);
    assertThat(in.next()).isEqualTo("b");
    assertThat(in.next()).isEqualTo("last-without-newline");
    assertThat(in.next()).isNull();
  }

  @Test
  void aLineOverTheLimit_isSkipped_andTheNextOneRead() throws Exception {
    Lines in = new Lines(new StringReader("0123456789\r\n0123456789x\nok\n\n"), 10);
    assertThat(in.next()).isEqualTo("0123456789");
    assertThatThrownBy(in::next).isInstanceOf(Lines.TooLongException.class)
        .hasMessage("the line has 11 characters; the limit is 10; it was skipped");
    assertThat(in.next()).isEqualTo("ok");
    assertThat(in.next()).isEmpty();
    assertThat(in.next()).isNull();
  }

  @Test
  void aHugeLine_isMeasuredWithoutBeingKept() throws Exception {
    Lines in = new Lines(new StringReader("x".repeat(5_000_000) + "\nnext"), 100);
    assertThatThrownBy(in::next).hasMessage("the line has 5,000,000 characters; the limit is 100; it was skipped");
    assertThat(in.next()).isEqualTo("next");
  }
}
