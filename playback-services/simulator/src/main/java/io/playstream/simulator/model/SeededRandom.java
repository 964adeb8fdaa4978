package io.playstream.simulator.model;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The simulator's only source of randomness: SplitMix64, a tiny generator whose output is fixed by
 * its algorithm (unlike {@code SplittableRandom}, whose sequence the JDK does not promise to keep),
 * so a seed gives the same simulation on every JVM and every version.
 *
 * <p>Independent parts of the model draw from independent streams derived with {@link #of(long,
 * String)}, so that, say, adding a title does not change every profile's taste.
 *
 * <p>Not thread-safe: each stream belongs to one thread.
 */
public final class SeededRandom {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  public SeededRandom(long seed) {
    this.state = seed;
  }

  /** An independent stream for one purpose (e.g. {@code "population"}) of a seeded run. */
  public static SeededRandom of(long seed, String purpose) {
    return new SeededRandom(mix64(seed ^ mix64(hash64(purpose))));
  }

  /** A stable 64-bit FNV-1a hash of a string's UTF-8 bytes. */
  public static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** A stable hash of a string mapped to [0, 1). */
  public static double unitHash(String s) {
    return (mix64(hash64(s)) >>> 11) * 0x1.0p-53;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [min, max). */
  public double uniform(double min, double max) {
    return min + (max - min) * nextDouble();
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return nextDouble() < p;
  }

  /** Standard normal (Box-Muller; one draw per call, so the sequence never depends on history). */
  public double gaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1], safe for log
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** Exponential with the given mean. */
  public double exponential(double mean) {
    return -mean * Math.log(1.0 - nextDouble());
  }

  /** Log-normal with median 1 and the given sigma of the underlying normal. */
  public double logNormal(double sigma) {
    return Math.exp(sigma * gaussian());
  }

  /** Poisson-distributed count (Knuth's method; the model only uses small means). */
  public int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    double limit = Math.exp(-Math.min(mean, 50.0));
    int k = 0;
    double p = 1.0;
    do {
      k++;
      p *= nextDouble();
    } while (p > limit);
    return k - 1;
  }

  /** Index drawn with probability proportional to {@code weights[i]}. */
  public int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** A version-4 UUID made from two draws. */
  public UUID uuid() {
    long msb = (nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
