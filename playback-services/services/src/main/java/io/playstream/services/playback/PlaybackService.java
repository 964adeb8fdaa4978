package io.playstream.services.playback;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.playstream.events.EventHeader;
import io.playstream.events.Impression;
import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.Rating;
import io.playstream.events.StopReason;
import io.playstream.events.Thumb;
import io.playstream.schemas.Events;
import io.playstream.services.catalog.Title;
import io.playstream.services.common.ApiException;
import io.playstream.services.common.Breakers;
import io.playstream.services.common.Caller;
import io.playstream.services.common.EventEmitter;
import io.playstream.services.common.JsonBody;
import io.playstream.services.common.RunningService;
import io.playstream.services.common.ServiceApp;
import io.playstream.services.common.TokenIssuer;
import io.playstream.services.common.TokenVerifier;
import io.playstream.services.steering.Candidate;
import io.playstream.services.steering.ClientRequest;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Play API: grants plays (token, catalog availability, steering with fallback, session), then
 * turns the client's session telemetry, impressions and ratings into events.
 */
public final class PlaybackService implements RunningService {
  private static final Map<String, String> ACCEPTED = Map.of("status", "accepted");

  /**
   * The answer to {@code POST /v1/play}.
   *
   * @param sessionId new session id
   * @param titleId title to play
   * @param cdnServers ranked servers
   * @param chosenServerId server to stream from
   * @param steeringFallback true when steering could not be asked and a fallback list was used
   * @param bitrateLadderKbps bitrates the device may use
   */
  public record PlayResponse(
      String sessionId,
      String titleId,
      List<Candidate> cdnServers,
      String chosenServerId,
      boolean steeringFallback,
      List<Integer> bitrateLadderKbps) {}

  private final ServiceApp app;
  private final EventEmitter emitter;
  private final Clock clock;
  private final TokenVerifier tokens;
  private final CatalogClient catalog;
  private final ResilientSteering steering;
  private final SessionRegistry sessions;
  private final Counter plays;
  private final Counter fallbackPlays;

  private PlaybackService(
      ServiceApp app,
      EventEmitter emitter,
      Clock clock,
      TokenVerifier tokens,
      CatalogClient catalog,
      ResilientSteering steering,
      SessionRegistry sessions) {
    this.app = app;
    this.emitter = emitter;
    this.clock = clock;
    this.tokens = tokens;
    this.catalog = catalog;
    this.steering = steering;
    this.sessions = sessions;
    this.plays =
        Counter.builder("playstream.playback.plays")
            .tag("steering_fallback", "false")
            .description("Plays granted")
            .register(app.registry());
    this.fallbackPlays =
        Counter.builder("playstream.playback.plays")
            .tag("steering_fallback", "true")
            .description("Plays granted")
            .register(app.registry());
  }

  /**
   * Starts the service.
   *
   * @param config configuration (port 0 = a free port)
   * @param emitter where telemetry events go
   * @param clock event time, token checks and the circuit breaker's clock
   */
  public static PlaybackService start(PlaybackConfig config, EventEmitter emitter, Clock clock) {
    ServiceApp app = new ServiceApp(PlaybackOptions.SERVICE, config.instanceId(), emitter);
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(config.catalogTimeout())
              .build();
      CircuitBreaker breaker =
          Breakers.circuitBreaker(
              "steering",
              config.breakerWindow(),
              config.breakerMinimumCalls(),
              config.breakerFailureRate(),
              config.breakerOpenWait(),
              clock);
      TimeLimiter timeLimiter = Breakers.timeLimiter("steering", config.steeringTimeout());
      SteeringClient steeringClient =
          new SteeringClient(http, config.steeringUrl(), config.steeringTimeout().multipliedBy(2));
      PlaybackService service =
          new PlaybackService(
              app,
              emitter,
              clock,
              new TokenVerifier(config.authSecret(), clock),
              new CatalogClient(http, config.catalogUrl(), config.catalogTimeout()),
              new ResilientSteering(
                  steeringClient, breaker, timeLimiter, config.fallbackFleet(), clock),
              new SessionRegistry(config.sessionIdleTimeout(), config.maxSessions()));
      service.routes();
      app.start(config.port());
      return service;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  /** State of the steering circuit breaker. */
  public CircuitBreaker.State steeringCircuit() {
    return steering.circuitState();
  }

  /** Sessions currently open. */
  public long openSessions() {
    return sessions.size();
  }

  @Override
  public int port() {
    return app.port();
  }

  @Override
  public String url() {
    return app.url();
  }

  @Override
  public void close() {
    app.close();
  }

  private void routes() {
    var http = app.http();
    http.post("/v1/play", this::play);
    http.post("/v1/sessions/{session_id}/started", this::started);
    http.post("/v1/sessions/{session_id}/heartbeat", this::heartbeat);
    http.post("/v1/sessions/{session_id}/stop", this::stop);
    http.post("/v1/sessions/{session_id}/error", this::error);
    http.post("/v1/impressions", this::impression);
    http.post("/v1/ratings", this::rating);
    app.stat("open_sessions", sessions::size);
    app.stat("steering_circuit", () -> steering.circuitState().name());
    app.stat("steering_fallbacks", steering::fallbacks);
    Gauge.builder("playstream.playback.sessions.open", sessions, SessionRegistry::size)
        .description("Open playback sessions")
        .register(app.registry());
    Gauge.builder("playstream.playback.steering.circuit.open", steering, s -> isOpen(s) ? 1 : 0)
        .description("1 while the steering circuit breaker does not let calls through")
        .register(app.registry());
  }

  private static boolean isOpen(ResilientSteering s) {
    CircuitBreaker.State state = s.circuitState();
    return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
  }

  private void play(Context ctx) {
    Caller caller = tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_PLAY);
    JsonBody body = JsonBody.parse(ctx.body());
    String profileId = body.requiredString("profile_id");
    String titleId = Title.checkId(body.requiredString("title_id"));
    String deviceType = body.requiredString("device_type");
    String country = body.requiredCountry("country");
    String region = body.requiredString("region");
    String isp = body.requiredString("isp");
    String clientIp = body.optionalString("client_ip").orElse(null);
    caller.requireProfile(profileId);
    String trace = traceId(ctx);

    catalog.requireAvailable(titleId, country, trace);

    String sessionId = UUID.randomUUID().toString();
    ClientRequest steerRequest =
        new ClientRequest(sessionId, profileId, titleId, country, region, isp, clientIp);
    ResilientSteering.Result servers = steering.steer(steerRequest, trace);
    (servers.fallback() ? fallbackPlays : plays).increment();
    sessions.open(
        new Session(
            sessionId,
            caller.accountId(),
            profileId,
            titleId,
            deviceType,
            country,
            region,
            isp,
            clientIp,
            servers.chosenServerId(),
            clock.instant()));
    ctx.json(
        new PlayResponse(
            sessionId,
            titleId,
            servers.candidates(),
            servers.chosenServerId(),
            servers.fallback(),
            BitrateLadder.forDevice(deviceType)));
  }

  private void started(Context ctx) {
    Caller caller = tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_PLAY);
    JsonBody body = JsonBody.parse(ctx.body());
    int startupLatency = body.requiredInt("startup_latency_ms", 0, Integer.MAX_VALUE);
    int initialBitrate = body.requiredInt("initial_bitrate_kbps", 0, Integer.MAX_VALUE);
    Session s = session(ctx, caller);
    emit(
        ctx,
        PlaybackStarted.newBuilder()
            .setHeader(header(ctx))
            .setSessionId(s.sessionId())
            .setProfileId(s.profileId())
            .setTitleId(s.titleId())
            .setDeviceType(s.deviceType())
            .setCountry(s.country())
            .setRegion(s.region())
            .setIsp(s.isp())
            .setClientIp(s.clientIp())
            .setCdnServerId(s.cdnServerId())
            .setStartupLatencyMs(startupLatency)
            .setInitialBitrateKbps(initialBitrate)
            .build());
  }

  private void heartbeat(Context ctx) {
    Caller caller = tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_PLAY);
    JsonBody body = JsonBody.parse(ctx.body());
    long position = body.requiredLong("position_ms", 0, Long.MAX_VALUE);
    int bitrate = body.requiredInt("bitrate_kbps", 0, Integer.MAX_VALUE);
    int buffer = body.requiredInt("buffer_level_ms", 0, Integer.MAX_VALUE);
    int rebuffers = body.requiredInt("rebuffer_count", 0, Integer.MAX_VALUE);
    long rebufferMs = body.requiredLong("rebuffer_duration_ms", 0, Long.MAX_VALUE);
    int dropped = body.requiredInt("dropped_frames", 0, Integer.MAX_VALUE);
    long interval = body.requiredLong("interval_ms", 0, Long.MAX_VALUE);
    String server = body.optionalString("cdn_server_id").orElse(null);
    Session s = session(ctx, caller);
    if (server != null && !server.equals(s.cdnServerId())) {
      s = sessions.switchServer(s.sessionId(), server).orElse(s.withCdnServer(server));
    }
    emit(
        ctx,
        PlaybackHeartbeat.newBuilder()
            .setHeader(header(ctx))
            .setSessionId(s.sessionId())
            .setProfileId(s.profileId())
            .setTitleId(s.titleId())
            .setCdnServerId(s.cdnServerId())
            .setPositionMs(position)
            .setBitrateKbps(bitrate)
            .setBufferLevelMs(buffer)
            .setRebufferCount(rebuffers)
            .setRebufferDurationMs(rebufferMs)
            .setDroppedFrames(dropped)
            .setIntervalMs(interval)
            .build());
  }

  private void stop(Context ctx) {
    Caller caller = tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_PLAY);
    JsonBody body = JsonBody.parse(ctx.body());
    StopReason reason = body.requiredEnum("reason", StopReason.class);
    long watched = body.requiredLong("watched_seconds", 0, Long.MAX_VALUE);
    long position = body.requiredLong("position_ms", 0, Long.MAX_VALUE);
    Session s = session(ctx, caller);
    sessions.close(s.sessionId());
    emit(
        ctx,
        PlaybackStopped.newBuilder()
            .setHeader(header(ctx))
            .setSessionId(s.sessionId())
            .setProfileId(s.profileId())
            .setTitleId(s.titleId())
            .setReason(reason)
            .setWatchedSeconds(watched)
            .setPositionMs(position)
            .build());
  }

  private void error(Context ctx) {
    Caller caller = tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_PLAY);
    JsonBody body = JsonBody.parse(ctx.body());
    String code = body.requiredString("code");
    boolean fatal = body.requiredBoolean("fatal");
    String message = body.optionalString("message").orElse(null);
    Session s = session(ctx, caller);
    emit(
        ctx,
        PlaybackError.newBuilder()
            .setHeader(header(ctx))
            .setSessionId(s.sessionId())
            .setProfileId(s.profileId())
            .setTitleId(s.titleId())
            .setCdnServerId(s.cdnServerId())
            .setCode(code)
            .setFatal(fatal)
            .setMessage(message)
            .setCountry(s.country())
            .setDeviceType(s.deviceType())
            .build());
  }

  private void impression(Context ctx) {
    Caller caller = tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_PLAY);
    JsonBody body = JsonBody.parse(ctx.body());
    String profileId = body.requiredString("profile_id");
    String row = body.requiredString("row_name");
    List<String> titles = body.requiredStringList("title_ids", false);
    String country = body.requiredCountry("country");
    String deviceType = body.requiredString("device_type");
    caller.requireProfile(profileId);
    emit(
        ctx,
        Impression.newBuilder()
            .setHeader(header(ctx))
            .setProfileId(profileId)
            .setRowName(row)
            .setTitleIds(new ArrayList<>(titles))
            .setCountry(country)
            .setDeviceType(deviceType)
            .build());
  }

  private void rating(Context ctx) {
    Caller caller = tokens.verify(ctx.header("Authorization"), TokenIssuer.SCOPE_PLAY);
    JsonBody body = JsonBody.parse(ctx.body());
    String profileId = body.requiredString("profile_id");
    String titleId = body.requiredString("title_id");
    Thumb thumb = body.requiredEnum("thumb", Thumb.class);
    String country = body.requiredCountry("country");
    caller.requireProfile(profileId);
    emit(
        ctx,
        Rating.newBuilder()
            .setHeader(header(ctx))
            .setProfileId(profileId)
            .setTitleId(titleId)
            .setThumb(thumb)
            .setCountry(country)
            .build());
  }

  /** The path's session, which must belong to one of the caller's profiles. */
  private Session session(Context ctx, Caller caller) {
    String id = ctx.pathParam("session_id");
    Session s =
        sessions
            .get(id)
            .orElseThrow(() -> ApiException.notFound("unknown session " + id, "session_id"));
    caller.requireProfile(s.profileId());
    return s;
  }

  private void emit(Context ctx, SpecificRecord event) {
    emitter.emit(event);
    ctx.status(202).json(ACCEPTED);
  }

  private EventHeader header(Context ctx) {
    return Events.newHeader(app.service(), app.instance(), clock.instant(), traceId(ctx));
  }

  private static String traceId(Context ctx) {
    return ServiceApp.traceId(ctx);
  }
}
