package io.playstream.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.simulator.ActionSink;
import io.playstream.simulator.ReportCounter;
import io.playstream.simulator.model.Action;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns actions into asynchronous HTTP calls. At most {@code maxInFlight} calls are outstanding (a
 * semaphore: {@link #submit} waits for a permit, which is the scheduler's back-pressure). Calls of
 * one session are chained, each sent when the previous one was answered, because they need the
 * session id the playback service handed out for the play request; when the play failed, or a later
 * call answers 404 (the service forgot the session), the session's remaining calls are skipped and
 * counted as such.
 */
public final class HttpDriver implements ActionSink {
  private static final Logger LOG = LoggerFactory.getLogger(HttpDriver.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final URI playbackUrl;
  private final URI steeringUrl;
  private final TokenSource tokens;
  private final ReportCounter counter;
  private final int maxInFlight;
  private final Duration requestTimeout;
  private final Semaphore permits;
  private final Map<String, Link> sessions = new ConcurrentHashMap<>();

  /** The chain of one session's calls and the id the service gave it. */
  private static final class Link {
    volatile CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    volatile String serviceSessionId;
    volatile boolean dead;
  }

  public HttpDriver(
      HttpClient client,
      URI playbackUrl,
      URI steeringUrl,
      TokenSource tokens,
      ReportCounter counter,
      int maxInFlight,
      Duration requestTimeout) {
    this.client = client;
    this.playbackUrl = playbackUrl;
    this.steeringUrl = steeringUrl;
    this.tokens = tokens;
    this.counter = counter;
    this.maxInFlight = maxInFlight;
    this.requestTimeout = requestTimeout;
    this.permits = new Semaphore(maxInFlight);
  }

  /** A client suited to the driver: HTTP/1.1, short connect timeout. */
  public static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .build();
  }

  @Override
  public void submit(Action action) throws InterruptedException {
    permits.acquire();
    CompletableFuture<Void> done;
    try {
      Action.Playback playback = ApiBodies.playbackOf(action);
      if (playback == null) {
        done = send(action, null);
      } else {
        String id = playback.sessionId();
        Link link =
            action instanceof Action.RequestPlay
                ? sessions.compute(id, (k, v) -> new Link())
                : sessions.get(id);
        if (link == null) { // a call for a session that never started (cannot happen in order)
          counter.skipped();
          done = CompletableFuture.completedFuture(null);
        } else {
          Link l = link;
          done = l.tail.thenCompose(v -> send(action, l));
          l.tail = done;
          if (ApiBodies.endsSession(action)) {
            sessions.remove(id, l);
          }
        }
      }
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
    done.whenComplete((v, e) -> permits.release());
  }

  private CompletableFuture<Void> send(Action action, Link link) {
    if (link != null && !(action instanceof Action.RequestPlay) && link.dead) {
      counter.skipped();
      return CompletableFuture.completedFuture(null);
    }
    ApiBodies.Call call = ApiBodies.call(action, link == null ? null : link.serviceSessionId);
    URI base = call.service() == ApiBodies.Service.STEERING ? steeringUrl : playbackUrl;
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(base.resolve(call.path()))
              .timeout(requestTimeout)
              .header("Authorization", "Bearer " + tokens.tokenFor(ApiBodies.accountOf(action)))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call.body())))
              .build();
    } catch (JsonProcessingException | RuntimeException e) {
      counter.failed(e);
      markDead(link);
      return CompletableFuture.completedFuture(null);
    }
    counter.sent();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              if (error != null) {
                counter.failed(error);
                if (action instanceof Action.RequestPlay) {
                  markDead(link);
                }
                return null;
              }
              answered(action, link, response);
              return null;
            });
  }

  private void answered(Action action, Link link, HttpResponse<String> response) {
    int status = response.statusCode();
    boolean fallback = false;
    if (action instanceof Action.RequestPlay && status == 200) {
      try {
        JsonNode body = JSON.readTree(response.body());
        link.serviceSessionId = body.path("session_id").asText(null);
        fallback = body.path("steering_fallback").asBoolean(false);
        if (link.serviceSessionId == null) {
          counter.failed("play answer without session_id");
          markDead(link);
          return;
        }
      } catch (JsonProcessingException e) {
        counter.failed(e);
        markDead(link);
        return;
      }
    } else if (action instanceof Action.RequestPlay) {
      markDead(link);
    } else if (link != null && status == 404) {
      markDead(link);
    }
    if (status >= 400 && status != 451 && LOG.isDebugEnabled()) {
      LOG.debug("{} answered {}: {}", action.getClass().getSimpleName(), status, response.body());
    }
    counter.answered(action, status, fallback);
  }

  private static void markDead(Link link) {
    if (link != null) {
      link.dead = true;
    }
  }

  @Override
  public boolean drain(Duration timeout) throws InterruptedException {
    if (permits.tryAcquire(maxInFlight, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      permits.release(maxInFlight);
      return true;
    }
    return false;
  }

  @Override
  public int outstanding() {
    return maxInFlight - permits.availablePermits();
  }

  @Override
  public void close() {
    sessions.clear();
  }
}
