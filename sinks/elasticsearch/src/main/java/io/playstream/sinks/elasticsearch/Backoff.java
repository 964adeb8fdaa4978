package io.playstream.sinks.elasticsearch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff between retries: {@code initial * 2^(n-1)} for the n-th consecutive failure,
 * capped at {@code max}, with ±20% jitter so several subtasks do not retry in step. A success
 * resets it. Thread-safe.
 */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private int consecutiveFailures;

  public Backoff(Duration initial, Duration max) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
  }

  /** Records a failure and returns how long to wait before the retry. */
  public synchronized Duration nextDelay() {
    consecutiveFailures++;
    long base = delayWithoutJitter(consecutiveFailures);
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.min(maxMillis, Math.max(1, Math.round(base * jitter))));
  }

  /** Records a success: the next failure waits the initial delay again. */
  public synchronized void reset() {
    consecutiveFailures = 0;
  }

  /** Failures since the last success. */
  public synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** The delay for the n-th consecutive failure (n >= 1), before jitter. */
  long delayWithoutJitter(int n) {
    int shift = Math.min(Math.max(0, n - 1), 30);
    long d = initialMillis << shift;
    return d <= 0 || d > maxMillis ? maxMillis : d;
  }
}
