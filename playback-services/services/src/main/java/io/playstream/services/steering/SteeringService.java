package io.playstream.services.steering;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.playstream.events.CandidateServer;
import io.playstream.events.CdnServerHealth;
import io.playstream.events.EventHeader;
import io.playstream.events.SteeringDecision;
import io.playstream.schemas.Events;
import io.playstream.services.common.ApiException;
import io.playstream.services.common.EventEmitter;
import io.playstream.services.common.JsonBody;
import io.playstream.services.common.RunningService;
import io.playstream.services.common.ServiceApp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steering service: keeps the latest health report of each CDN server of the fleet and ranks
 * servers for each play with {@link ServerRanker}, announcing every decision as a {@code
 * SteeringDecision} and every report as a {@code CdnServerHealth}.
 */
public final class SteeringService implements RunningService {
  private final ServiceApp app;
  private final Fleet fleet;
  private final Clock clock;
  private final Map<String, HealthReport> latestHealth = new ConcurrentHashMap<>();
  private final Counter decisions;
  private final Counter fallbackDecisions;

  private SteeringService(ServiceApp app, Fleet fleet, Clock clock) {
    this.app = app;
    this.fleet = fleet;
    this.clock = clock;
    this.decisions =
        Counter.builder("playstream.steering.decisions")
            .tag("fallback", "false")
            .description("Steering decisions")
            .register(app.registry());
    this.fallbackDecisions =
        Counter.builder("playstream.steering.decisions")
            .tag("fallback", "true")
            .description("Steering decisions")
            .register(app.registry());
  }

  /**
   * Starts the service.
   *
   * @param config configuration (port 0 = a free port)
   * @param emitter where decisions and health reports go
   * @param clock decision and report time (staleness is judged on it)
   */
  public static SteeringService start(SteeringConfig config, EventEmitter emitter, Clock clock) {
    ServiceApp app = new ServiceApp(SteeringOptions.SERVICE, config.instanceId(), emitter);
    try {
      SteeringService service = new SteeringService(app, config.fleet(), clock);
      service.routes(emitter);
      app.start(config.port());
      return service;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  /** A snapshot of the latest report per server id. */
  public Map<String, HealthReport> latestHealth() {
    return Map.copyOf(latestHealth);
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

  private void routes(EventEmitter emitter) {
    var http = app.http();
    http.post("/v1/steer", ctx -> steer(ctx, emitter));
    http.post("/v1/cdn/health", ctx -> health(ctx, emitter));
    http.get("/v1/cdn/servers", this::servers);
    app.stat("fleet_size", () -> fleet.servers().size());
    app.stat("reporting_servers", latestHealth::size);
  }

  private void steer(Context ctx, EventEmitter emitter) {
    ClientRequest request = ClientRequest.fromBody(JsonBody.parse(ctx.body()));
    Ranking ranking = ServerRanker.rank(request, fleet, latestHealth(), clock.instant());
    (ranking.fallbackUsed() ? fallbackDecisions : decisions).increment();
    List<CandidateServer> candidates = new ArrayList<>();
    for (Candidate c : ranking.candidates()) {
      candidates.add(new CandidateServer(c.serverId(), c.rank(), c.score()));
    }
    emitter.emit(
        SteeringDecision.newBuilder()
            .setHeader(header(ctx))
            .setSessionId(request.sessionId())
            .setProfileId(request.profileId())
            .setTitleId(request.titleId())
            .setCountry(request.country())
            .setRegion(request.region())
            .setIsp(request.isp())
            .setClientIp(request.clientIp())
            .setCandidates(candidates)
            .setChosenServerId(ranking.chosenServerId())
            .setFallbackUsed(ranking.fallbackUsed())
            .build());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("candidates", ranking.candidates());
    body.put("chosen_server_id", ranking.chosenServerId());
    body.put("fallback_used", ranking.fallbackUsed());
    ctx.json(body);
  }

  private void health(Context ctx, EventEmitter emitter) {
    JsonBody body = JsonBody.parse(ctx.body());
    String serverId = body.requiredString("server_id");
    String region = body.requiredString("region");
    double load = body.requiredDouble("load", 0.0, 1.0);
    boolean healthy = body.requiredBoolean("healthy");
    int capacity = body.requiredInt("capacity_mbps", 0, Integer.MAX_VALUE);
    int sessions = body.requiredInt("active_sessions", 0, Integer.MAX_VALUE);
    CdnServer server =
        fleet
            .server(serverId)
            .orElseThrow(
                () -> ApiException.notFound("unknown CDN server " + serverId, "server_id"));
    if (!server.region().equals(region)) {
      throw ApiException.badRequest(
          "server " + serverId + " is in region " + server.region() + ", not " + region, "region");
    }
    HealthReport report =
        new HealthReport(serverId, region, load, healthy, capacity, sessions, clock.instant());
    latestHealth.put(serverId, report);
    emitter.emit(
        CdnServerHealth.newBuilder()
            .setHeader(header(ctx))
            .setServerId(serverId)
            .setRegion(region)
            .setLoad(load)
            .setHealthy(healthy)
            .setCapacityMbps(capacity)
            .setActiveSessions(sessions)
            .build());
    ctx.status(202).json(Map.of("status", "accepted"));
  }

  private void servers(Context ctx) {
    List<Map<String, Object>> servers = new ArrayList<>();
    for (CdnServer s : fleet.servers()) {
      HealthReport h = latestHealth.get(s.serverId());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("server_id", s.serverId());
      row.put("region", s.region());
      row.put("load", h == null ? null : h.load());
      row.put("healthy", h == null ? null : h.healthy());
      row.put("capacity_mbps", h == null ? s.capacityMbps() : h.capacityMbps());
      row.put("active_sessions", h == null ? null : h.activeSessions());
      row.put("reported_at", h == null ? null : h.reportedAt());
      row.put("fresh", ServerRanker.isFresh(h, clock.instant()));
      servers.add(row);
    }
    ctx.json(Map.of("servers", servers));
  }

  private EventHeader header(Context ctx) {
    String trace = ServiceApp.traceId(ctx);
    return Events.newHeader(app.service(), app.instance(), clock.instant(), trace);
  }
}
