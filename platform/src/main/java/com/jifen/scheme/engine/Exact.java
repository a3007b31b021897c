package com.jifen.scheme.engine;

import java.math.BigDecimal;

/**
 * An exact rational figure: a decimal numerator over a positive long denominator. Means such as
 * "sum of 12 months ÷ 12" do not terminate in decimal; keeping them as fractions until the one final
 * rounding is what makes results reproducible to the cent (docs/DOMAIN.md, The four schemes: round once per figure).
 */
public record Exact(BigDecimal numerator, long denominator) implements Comparable<Exact> {

  public static final Exact ZERO = new Exact(BigDecimal.ZERO, 1);

  public Exact {
    if (denominator <= 0) {
      throw new IllegalArgumentException("denominator must be positive");
    }
  }

  public static Exact of(BigDecimal value) {
    return new Exact(value, 1);
  }

  public static Exact of(long value) {
    return new Exact(BigDecimal.valueOf(value), 1);
  }

  public Exact plus(Exact other) {
    if (denominator == other.denominator) {
      return new Exact(numerator.add(other.numerator), denominator);
    }
    return new Exact(
        numerator.multiply(BigDecimal.valueOf(other.denominator))
            .add(other.numerator.multiply(BigDecimal.valueOf(denominator))),
        Math.multiplyExact(denominator, other.denominator));
  }

  public Exact negate() {
    return new Exact(numerator.negate(), denominator);
  }

  public Exact minus(Exact other) {
    return plus(other.negate());
  }

  public Exact times(BigDecimal factor) {
    return new Exact(numerator.multiply(factor), denominator);
  }

  public Exact dividedBy(long divisor) {
    if (divisor == 0) {
      throw new ArithmeticException("division by zero");
    }
    return divisor < 0
        ? new Exact(numerator.negate(), Math.multiplyExact(denominator, -divisor))
        : new Exact(numerator, Math.multiplyExact(denominator, divisor));
  }

  public Exact min(Exact other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public Exact max(Exact other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public BigDecimal round(Scheme.Rounding rounding) {
    return denominator == 1
        ? rounding.apply(numerator)
        : numerator.divide(BigDecimal.valueOf(denominator), rounding.scale(), rounding.mode());
  }

  public int signum() {
    return numerator.signum();
  }

  @Override
  public int compareTo(Exact other) {
    if (denominator == other.denominator) {
      return numerator.compareTo(other.numerator);
    }
    return numerator.multiply(BigDecimal.valueOf(other.denominator))
        .compareTo(other.numerator.multiply(BigDecimal.valueOf(denominator)));
  }
}
