package io.playstream.services.common;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * How the services guard a dependency: a count-based circuit breaker that opens on a failure rate
 * and probes with two calls when half open, and a time limiter that cancels a call that runs late.
 */
public final class Breakers {
  private Breakers() {}

  /**
   * A count-based circuit breaker.
   *
   * @param window calls the failure rate is computed over
   * @param minimumCalls calls before the rate counts
   * @param failureRatePercent failure rate that opens it
   * @param openWait how long it stays open before probing
   */
  public static CircuitBreaker circuitBreaker(
      String name,
      int window,
      int minimumCalls,
      float failureRatePercent,
      Duration openWait,
      Clock clock) {
    return CircuitBreaker.of(
        name,
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(window)
            .minimumNumberOfCalls(minimumCalls)
            .failureRateThreshold(failureRatePercent)
            .waitDurationInOpenState(openWait)
            .permittedNumberOfCallsInHalfOpenState(2)
            .clock(clock)
            .build());
  }

  /** A time limiter that cancels the call after {@code timeout}. */
  public static TimeLimiter timeLimiter(String name, Duration timeout) {
    return TimeLimiter.of(
        name,
        TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build());
  }
}
