package io.playstream.simulator;

import io.playstream.schemas.EventType;
import io.playstream.simulator.model.Action;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a run caused, from any thread: per event type the events the services must have
 * emitted because of accepted calls (or, in kafka mode, that the broker acknowledged), rejected
 * calls by HTTP status (4xx) and failed calls by status (5xx) or exception (I/O, timeouts).
 *
 * <p>The rule for http answers: any 2xx means the service emitted the action's {@link
 * Action#eventType() event}, except for {@code POST /v1/play}, whose 200 means a {@link
 * EventType#STEERING_DECISION} only when {@code steering_fallback} is false (with a fallback,
 * steering was not asked, or did not answer, so it emitted nothing).
 */
public final class ReportCounter {
  /** The event types a simulation can cause, in report order. */
  public static final EventType[] SIMULATED_TYPES = {
    EventType.IMPRESSION,
    EventType.STEERING_DECISION,
    EventType.PLAYBACK_STARTED,
    EventType.PLAYBACK_HEARTBEAT,
    EventType.PLAYBACK_ERROR,
    EventType.PLAYBACK_STOPPED,
    EventType.RATING,
    EventType.CDN_SERVER_HEALTH
  };

  private final Map<EventType, LongAdder> accepted = new EnumMap<>(EventType.class);
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder steeringFallbacks = new LongAdder();

  public ReportCounter() {
    for (EventType t : EventType.values()) {
      accepted.put(t, new LongAdder());
    }
  }

  /** A call was sent (or a record handed to the producer). */
  public void sent() {
    requests.increment();
  }

  /** An event of this type was (or must have been) emitted. */
  public void accepted(EventType type) {
    accepted.get(type).increment();
  }

  /** A call was refused with this 4xx status, or a play was for an unlicensed title (451). */
  public void rejected(int status) {
    rejected.computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
  }

  /** A call or send failed: a 5xx status or an exception's simple class name. */
  public void failed(String reason) {
    failed.computeIfAbsent(reason, k -> new LongAdder()).increment();
  }

  /** An action was not sent because its session had already failed. */
  public void skipped() {
    skipped.increment();
  }

  /**
   * Records the HTTP answer to an action.
   *
   * @param steeringFallback the {@code steering_fallback} of a 200 answer to a play request
   */
  public void answered(Action action, int status, boolean steeringFallback) {
    if (status >= 200 && status < 300) {
      if (action instanceof Action.RequestPlay) {
        if (steeringFallback) {
          steeringFallbacks.increment();
        } else {
          accepted(EventType.STEERING_DECISION);
        }
      } else {
        accepted(action.eventType());
      }
    } else if (status >= 400 && status < 500) {
      rejected(status);
    } else {
      failed(Integer.toString(status));
    }
  }

  /** Records a call that got no HTTP answer. */
  public void failed(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    failed(cause.getClass().getSimpleName());
  }

  public long requests() {
    return requests.sum();
  }

  public long skippedActions() {
    return skipped.sum();
  }

  public long steeringFallbacks() {
    return steeringFallbacks.sum();
  }

  public long expected(EventType type) {
    return accepted.get(type).sum();
  }

  /** Expected events by simple type name, every simulated type present (zeros included). */
  public Map<String, Long> expectedEvents() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (EventType t : SIMULATED_TYPES) {
      m.put(t.simpleName(), accepted.get(t).sum());
    }
    for (EventType t : EventType.values()) {
      long n = accepted.get(t).sum();
      if (n > 0) {
        m.putIfAbsent(t.simpleName(), n);
      }
    }
    return m;
  }

  public Map<String, Long> rejectedByStatus() {
    return snapshot(rejected);
  }

  public Map<String, Long> failedByReason() {
    return snapshot(failed);
  }

  public long totalRejected() {
    return rejected.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long totalFailed() {
    return failed.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
