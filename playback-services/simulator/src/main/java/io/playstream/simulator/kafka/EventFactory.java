package io.playstream.simulator.kafka;

import io.playstream.events.CandidateServer;
import io.playstream.events.CdnServerHealth;
import io.playstream.events.EventHeader;
import io.playstream.events.Impression;
import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackHeartbeat;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.Rating;
import io.playstream.events.SteeringDecision;
import io.playstream.simulator.model.Action;
import io.playstream.simulator.model.SeededRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The event the services would emit for an accepted action, stamped with the simulated clock and an
 * event id from a seeded stream, so the same seed gives the same events. Header {@code service}
 * names the service that would have emitted it (playback, or steering for steering decisions and
 * CDN health); {@code instance} is {@code simulator-<seed>}. Not thread-safe.
 */
public final class EventFactory {
  static final String PLAYBACK = "playback";
  static final String STEERING = "steering";

  private final Instant epoch;
  private final String instance;
  private final SeededRandom ids;

  /**
   * @param seed the run's seed (event ids come from its {@code event-ids} stream)
   * @param epoch the event time of simulated time 0
   */
  public EventFactory(long seed, Instant epoch) {
    this(epoch, "simulator-" + seed, SeededRandom.of(seed, "event-ids"));
  }

  /** A factory drawing event ids from a stream it shares (with {@link ActionEncoder}). */
  EventFactory(Instant epoch, String instance, SeededRandom ids) {
    this.epoch = epoch;
    this.instance = instance;
    this.ids = ids;
  }

  /**
   * The event for an action, or null when the services would emit none (a play of an unlicensed
   * title is refused with 451).
   */
  public SpecificRecord toEvent(Action action) {
    if (action instanceof Action.ShowRow a) {
      return Impression.newBuilder()
          .setHeader(header(PLAYBACK, a.atMs()))
          .setProfileId(a.profileId())
          .setRowName(a.rowName())
          .setTitleIds(new ArrayList<>(a.titleIds()))
          .setCountry(a.country())
          .setDeviceType(a.deviceType())
          .build();
    }
    if (action instanceof Action.RequestPlay a) {
      if (!a.licensed()) {
        return null;
      }
      Action.Playback p = a.playback();
      List<CandidateServer> candidates = new ArrayList<>();
      a.candidates()
          .forEach(c -> candidates.add(new CandidateServer(c.serverId(), c.rank(), c.score())));
      return SteeringDecision.newBuilder()
          .setHeader(header(STEERING, a.atMs()))
          .setSessionId(p.sessionId())
          .setProfileId(p.profileId())
          .setTitleId(p.titleId())
          .setCountry(p.country())
          .setRegion(p.region())
          .setIsp(p.isp())
          .setClientIp(p.clientIp())
          .setCandidates(candidates)
          .setChosenServerId(p.serverId())
          .setFallbackUsed(a.fallbackUsed())
          .build();
    }
    if (action instanceof Action.ReportStarted a) {
      Action.Playback p = a.playback();
      return PlaybackStarted.newBuilder()
          .setHeader(header(PLAYBACK, a.atMs()))
          .setSessionId(p.sessionId())
          .setProfileId(p.profileId())
          .setTitleId(p.titleId())
          .setDeviceType(p.deviceType())
          .setCountry(p.country())
          .setRegion(p.region())
          .setIsp(p.isp())
          .setClientIp(p.clientIp())
          .setCdnServerId(p.serverId())
          .setStartupLatencyMs(a.startupLatencyMs())
          .setInitialBitrateKbps(a.initialBitrateKbps())
          .build();
    }
    if (action instanceof Action.SendHeartbeat a) {
      Action.Playback p = a.playback();
      return PlaybackHeartbeat.newBuilder()
          .setHeader(header(PLAYBACK, a.atMs()))
          .setSessionId(p.sessionId())
          .setProfileId(p.profileId())
          .setTitleId(p.titleId())
          .setCdnServerId(p.serverId())
          .setPositionMs(a.positionMs())
          .setBitrateKbps(a.bitrateKbps())
          .setBufferLevelMs(a.bufferLevelMs())
          .setRebufferCount(a.rebufferCount())
          .setRebufferDurationMs(a.rebufferDurationMs())
          .setDroppedFrames(a.droppedFrames())
          .setIntervalMs(a.intervalMs())
          .build();
    }
    if (action instanceof Action.ReportError a) {
      Action.Playback p = a.playback();
      return PlaybackError.newBuilder()
          .setHeader(header(PLAYBACK, a.atMs()))
          .setSessionId(p.sessionId())
          .setProfileId(p.profileId())
          .setTitleId(p.titleId())
          .setCdnServerId(p.serverId())
          .setCode(a.code())
          .setFatal(a.fatal())
          .setMessage(a.message())
          .setCountry(p.country())
          .setDeviceType(p.deviceType())
          .build();
    }
    if (action instanceof Action.StopPlayback a) {
      Action.Playback p = a.playback();
      return PlaybackStopped.newBuilder()
          .setHeader(header(PLAYBACK, a.atMs()))
          .setSessionId(p.sessionId())
          .setProfileId(p.profileId())
          .setTitleId(p.titleId())
          .setReason(a.reason())
          .setWatchedSeconds(a.watchedSeconds())
          .setPositionMs(a.positionMs())
          .build();
    }
    if (action instanceof Action.RateTitle a) {
      return Rating.newBuilder()
          .setHeader(header(PLAYBACK, a.atMs()))
          .setProfileId(a.profileId())
          .setTitleId(a.titleId())
          .setThumb(a.thumb())
          .setCountry(a.country())
          .build();
    }
    Action.ReportCdnHealth a = (Action.ReportCdnHealth) action;
    return CdnServerHealth.newBuilder()
        .setHeader(header(STEERING, a.atMs()))
        .setServerId(a.serverId())
        .setRegion(a.region())
        .setLoad(a.load())
        .setHealthy(a.healthy())
        .setCapacityMbps(a.capacityMbps())
        .setActiveSessions(a.activeSessions())
        .build();
  }

  private EventHeader header(String service, long atMs) {
    return EventHeader.newBuilder()
        .setEventId(ids.uuid().toString())
        .setEventTime(epoch.plusMillis(atMs))
        .setService(service)
        .setInstance(instance)
        .setTraceId(null)
        .build();
  }
}
