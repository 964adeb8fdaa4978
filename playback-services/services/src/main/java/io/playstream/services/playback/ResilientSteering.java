package io.playstream.services.playback;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.playstream.services.steering.Candidate;
import io.playstream.services.steering.ClientRequest;
import io.playstream.services.steering.Fleet;
import io.playstream.services.steering.Ranking;
import io.playstream.services.steering.ServerRanker;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steering as the Play API sees it: the call goes through a time limiter (a slow steering counts as
 * a failure) inside a circuit breaker (after repeated failures steering is not called at all for a
 * while), and any failure falls back to the last list steering gave for the client's region, or,
 * before any, to the static ranking of the fallback fleet for that region. It never fails.
 */
public final class ResilientSteering {
  /**
   * Servers for one play.
   *
   * @param candidates ranked servers
   * @param chosenServerId server the client should use
   * @param fallback true when steering was not consulted successfully
   */
  public record Result(List<Candidate> candidates, String chosenServerId, boolean fallback) {}

  private static final Logger LOG = LoggerFactory.getLogger(ResilientSteering.class);

  private final SteeringClient client;
  private final CircuitBreaker breaker;
  private final TimeLimiter timeLimiter;
  private final Fleet fallbackFleet;
  private final Clock clock;
  private final Map<String, List<Candidate>> lastGood = new ConcurrentHashMap<>();
  private final AtomicLong fallbacks = new AtomicLong();

  public ResilientSteering(
      SteeringClient client,
      CircuitBreaker breaker,
      TimeLimiter timeLimiter,
      Fleet fallbackFleet,
      Clock clock) {
    this.client = client;
    this.breaker = breaker;
    this.timeLimiter = timeLimiter;
    this.fallbackFleet = fallbackFleet;
    this.clock = clock;
  }

  /** Servers for a play; falls back instead of failing. */
  public Result steer(ClientRequest request, String traceId) {
    Callable<SteeringClient.Answer> call =
        CircuitBreaker.decorateCallable(
            breaker,
            TimeLimiter.decorateFutureSupplier(timeLimiter, () -> client.steer(request, traceId)));
    try {
      SteeringClient.Answer answer = call.call();
      lastGood.put(request.region(), answer.candidates());
      return new Result(answer.candidates(), answer.chosenServerId(), false);
    } catch (Exception e) {
      return fallback(request, e);
    }
  }

  private Result fallback(ClientRequest request, Exception cause) {
    fallbacks.incrementAndGet();
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    if (!(cause instanceof CallNotPermittedException)) {
      LOG.debug("steering failed ({}), using fallback for {}", describe(cause), request.region());
    }
    List<Candidate> last = lastGood.get(request.region());
    if (last != null) {
      return new Result(last, last.get(0).serverId(), true);
    }
    Ranking ranking = ServerRanker.rank(request, fallbackFleet, Map.of(), clock.instant());
    return new Result(ranking.candidates(), ranking.chosenServerId(), true);
  }

  private static String describe(Exception e) {
    if (e instanceof TimeoutException) {
      return "timed out";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  /** The breaker's state: CLOSED, OPEN, HALF_OPEN, ... */
  public CircuitBreaker.State circuitState() {
    return breaker.getState();
  }

  /** Plays answered from a fallback so far. */
  public long fallbacks() {
    return fallbacks.get();
  }
}
