package io.playstream.recs;

import java.io.Serializable;
import java.time.Duration;

/**
 * Exponential time decay with a half-life: a weight observed at time {@code t} counts {@code
 * 2^(-(now - t) / halfLife)} at {@code now}. A half-life of zero means no decay (every weight keeps
 * counting 1), which turns the decayed models into plain counters.
 *
 * <p>Decayed values are kept lazily as a pair (value, time of value): nothing is touched when time
 * passes; a value is brought to a common time only when it is updated or compared. {@link
 * #rankKey(double, long)} compares values of different times without computing a decayed value that
 * could underflow.
 */
public final class Decay implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Decay NONE = new Decay(0);

  private final long halfLifeMillis;
  private final double lambdaPerMilli;

  private Decay(long halfLifeMillis) {
    if (halfLifeMillis < 0) {
      throw new IllegalArgumentException("half-life must be >= 0, got " + halfLifeMillis);
    }
    this.halfLifeMillis = halfLifeMillis;
    this.lambdaPerMilli = halfLifeMillis == 0 ? 0.0 : Math.log(2) / halfLifeMillis;
  }

  /** Decay with the given half-life; {@link Duration#ZERO} for none. */
  public static Decay halfLife(Duration halfLife) {
    return halfLife.isZero() ? NONE : new Decay(halfLife.toMillis());
  }

  /** No decay: plain counting. */
  public static Decay none() {
    return NONE;
  }

  public long halfLifeMillis() {
    return halfLifeMillis;
  }

  public boolean isNone() {
    return lambdaPerMilli == 0.0;
  }

  /**
   * The factor a weight of time {@code from} is multiplied by at time {@code to} (1 if to ≤ from).
   */
  public double factor(long from, long to) {
    if (lambdaPerMilli == 0.0 || to <= from) {
      return 1.0;
    }
    return Math.exp(-lambdaPerMilli * (double) (to - from));
  }

  /**
   * The decay rate scaled: {@code exp(lambda * (a - b))} for two times, i.e. how much more a value
   * of time {@code a} weighs than the same value of time {@code b}.
   */
  public double ratio(long a, long b) {
    return lambdaPerMilli == 0.0 ? 1.0 : Math.exp(lambdaPerMilli * (double) (a - b));
  }

  /**
   * A key that orders decayed values of different times as their values at any common later time
   * would order: {@code ln(value) + lambda * time}.
   */
  public double rankKey(double value, long time) {
    if (value <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.log(value) + lambdaPerMilli * (double) time;
  }

  /**
   * Adds {@code weight} observed at {@code time} to a value held at {@code valueTime}; returns the
   * new value, held at {@code max(valueTime, time)}. Order-independent: adding late weights gives
   * the same result as adding them in time order.
   */
  public double add(double value, long valueTime, double weight, long time) {
    if (time >= valueTime) {
      return value * factor(valueTime, time) + weight;
    }
    return value + weight * factor(time, valueTime);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decay d && d.halfLifeMillis == halfLifeMillis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(halfLifeMillis);
  }

  @Override
  public String toString() {
    return lambdaPerMilli == 0.0 ? "no decay" : "half-life " + Duration.ofMillis(halfLifeMillis);
  }
}
