package io.marquee.releases;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A non-negative exact fraction, how the releases hold an epsilon and a budget so that no rounding
 * decides whether a budget is spent or what scale the noise has: parsed from a decimal ({@code
 * 0.25}) or a fraction ({@code 1/3}), always in lowest terms.
 *
 * @param num the numerator, at least 0
 * @param den the denominator, at least 1
 */
public record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {
  /** Zero. */
  public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
  /** Largest numerator or denominator a parsed epsilon may have (keeps the sampler in {@code long}). */
  static final long MAX_TERM = 1_000_000;

  public Rational {
    if (num.signum() < 0 || den.signum() <= 0) {
      throw new IllegalArgumentException("a rational at least 0 with a positive denominator, not " + num + "/" + den);
    }
    BigInteger g = num.gcd(den);
    if (!g.equals(BigInteger.ONE) && g.signum() > 0) {
      num = num.divide(g);
      den = den.divide(g);
    }
    if (num.signum() == 0) {
      den = BigInteger.ONE;
    }
  }

  /** {@code num/den}. */
  public static Rational of(long num, long den) {
    return new Rational(BigInteger.valueOf(num), BigInteger.valueOf(den));
  }

  /**
   * Parses a decimal ({@code 0.5}, {@code 1}, {@code 1e-1}) or a fraction ({@code 1/3}), exactly.
   *
   * @throws IllegalArgumentException when it is neither, negative, or in lowest terms has a
   *     numerator or denominator above {@value #MAX_TERM}
   */
  public static Rational parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a number such as 0.5 or 1/3, not nothing");
    }
    String s = text.strip();
    Rational r;
    try {
      int slash = s.indexOf('/');
      if (slash >= 0) {
        r = new Rational(new BigInteger(s.substring(0, slash).strip()), new BigInteger(s.substring(slash + 1).strip()));
      } else {
        BigDecimal d = new BigDecimal(s);
        r = d.scale() <= 0 ? new Rational(d.toBigIntegerExact(), BigInteger.ONE)
            : new Rational(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + s + "' is not a number such as 0.5 or 1/3");
    }
    if (r.num.compareTo(BigInteger.valueOf(MAX_TERM)) > 0 || r.den.compareTo(BigInteger.valueOf(MAX_TERM)) > 0) {
      throw new IllegalArgumentException("'" + s + "' has more precision than " + MAX_TERM + " allows in lowest terms");
    }
    return r;
  }

  /** This plus {@code o}. */
  public Rational plus(Rational o) {
    return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
  }

  /** This minus {@code o}, or zero when {@code o} is larger. */
  public Rational minusOrZero(Rational o) {
    BigInteger n = num.multiply(o.den).subtract(o.num.multiply(den));
    return n.signum() <= 0 ? ZERO : new Rational(n, den.multiply(o.den));
  }

  /** This divided by a positive integer. */
  public Rational dividedBy(long k) {
    return new Rational(num, den.multiply(BigInteger.valueOf(k)));
  }

  /** Whether this is zero. */
  public boolean isZero() {
    return num.signum() == 0;
  }

  @Override
  public int compareTo(Rational o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  /** The nearest double, for display only (never for a decision). */
  public double toDouble() {
    return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
  }

  /** {@code num/den}, or {@code num} when the denominator is 1; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return den.equals(BigInteger.ONE) ? num.toString() : num + "/" + den;
  }
}
