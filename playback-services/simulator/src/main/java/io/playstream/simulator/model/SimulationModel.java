package io.playstream.simulator.model;

import io.playstream.events.StopReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discrete-event simulation: a priority queue of model steps ordered by simulated time (ties
 * broken by insertion order), run one after the other; each step may emit {@link Action}s and
 * schedule further steps.
 *
 * <p>Steps: a <em>visit</em> arrives (Poisson, {@link ModelConfig#visitsPerSimSecond}) for an idle
 * profile picked by activity weight (a visit is dropped only when every profile is busy); it is
 * shown rows ({@link TitleChooser}) until a title appeals or it gives up (after each fruitless row
 * it leaves with probability 0.4, after three rows always); a chosen title is requested 2–8 s
 * later, steered ({@link CdnModel}), started after the startup latency, heartbeats every {@link
 * ModelConfig#heartbeatInterval}, may hit an error, stops ({@link ViewingModel}) and may be rated.
 * Every CDN server reports its health every {@link ModelConfig#cdnReportInterval}, starting at 0.
 *
 * <p>No clock, no I/O: the sequence of actions is a pure function of the config, the titles and the
 * fleet. Not thread-safe.
 */
public final class SimulationModel {
  static final int MAX_ROWS = 3;
  static final double LEAVE_AFTER_EMPTY_ROW = 0.4;
  static final double CUT_FATAL_PER_HEARTBEAT = 0.04;

  /** How long a client whose CDN region is cut waits before its play fails (see {@link CdnCut}). */
  static final long STARTUP_TIMEOUT_MS = 8_000;

  static final double MEAN_SESSION_SECONDS = 3_600;

  private final ModelConfig config;
  private final TitleCatalog catalog;
  private final TasteSpace space;
  private final ZipfPopularity popularity;
  private final double[][] factors;
  private final Population population;
  private final TitleChooser chooser;
  private final CdnModel cdn;
  private final SeededRandom rng;
  private final double[] cumulativeActivity;
  private final long heartbeatMs;
  private final long reportMs;

  private final StepQueue queue = new StepQueue();
  private final Deque<Action> ready = new ArrayDeque<>();
  private final Map<String, Session> open = new LinkedHashMap<>();
  private final boolean[] busy;
  private final int[] lastWatched;
  private long sequence;
  private long now;
  private long visits;
  private long sessions;
  private long visitsWithoutIdleProfile;

  private static final class Session {
    final Action.Playback playback;
    final Profile profile;
    final int title;
    final int server;
    final boolean crossRegion;
    final double appeal;
    final ViewingModel.Plan plan;

    /** Copies of what every heartbeat reads, kept in the session itself. */
    final DeviceType device;

    final long watchMs;

    /** This session's recurring steps, made once rather than per heartbeat. */
    Runnable heartbeatStep;

    Runnable stopStep;

    int startupLatencyMs;
    long startedAt = -1;
    long lastTick;
    long positionMs;
    boolean ended;

    Session(
        Action.Playback playback,
        Profile profile,
        int title,
        int server,
        boolean crossRegion,
        double appeal,
        ViewingModel.Plan plan) {
      this.playback = playback;
      this.profile = profile;
      this.title = title;
      this.server = server;
      this.crossRegion = crossRegion;
      this.appeal = appeal;
      this.plan = plan;
      this.device = profile.device();
      this.watchMs = plan.watchMs();
    }
  }

  public SimulationModel(ModelConfig config, TitleCatalog catalog, List<CdnServer> fleet) {
    this.config = config;
    this.catalog = catalog;
    long seed = config.seed();
    this.space = new TasteSpace(seed);
    this.popularity =
        new ZipfPopularity(
            catalog.size(), config.zipfExponent(), SeededRandom.of(seed, "popularity"));
    this.factors = new double[catalog.size()][];
    for (int i = 0; i < catalog.size(); i++) {
      factors[i] = space.titleFactor(catalog.get(i));
    }
    this.population =
        Population.generate(config.profiles(), seed, space, Population.genreWeights(catalog));
    this.chooser = new TitleChooser(catalog, popularity, factors);
    int capacity =
        config.serverCapacitySessions() > 0
            ? config.serverCapacitySessions()
            : CdnModel.autoCapacity(
                Math.min(
                    0.9 * config.profiles(),
                    config.visitsPerSimSecond() * 0.85 * MEAN_SESSION_SECONDS),
                fleet.size());
    this.cdn = new CdnModel(fleet, config.cuts(), capacity);
    this.rng = SeededRandom.of(seed, "behaviour");
    this.heartbeatMs = config.heartbeatInterval().toMillis();
    this.reportMs = config.cdnReportInterval().toMillis();
    this.busy = new boolean[population.size()];
    this.lastWatched = new int[population.size()];
    Arrays.fill(lastWatched, -1);
    this.cumulativeActivity = new double[population.size()];
    double sum = 0;
    for (Profile p : population.profiles()) {
      sum += p.activity();
      cumulativeActivity[p.index()] = sum;
    }
    schedule(0, this::healthTick);
    schedule(nextArrivalGap(), this::arrival);
  }

  /**
   * The next action at or before {@code horizonMs}, or null when there is none (yet): the model
   * runs steps until one emits an action or the next step lies beyond the horizon.
   */
  public Action next(long horizonMs) {
    while (ready.isEmpty()) {
      if (queue.isEmpty() || queue.firstAt() > horizonMs) {
        return null;
      }
      now = queue.firstAt();
      queue.poll().run();
    }
    return ready.poll();
  }

  /**
   * Actions already produced by the last step but not yet taken with {@link #next}; a run that
   * stops early takes them so that no session is left half-announced.
   */
  public List<Action> takeReady() {
    List<Action> rest = new ArrayList<>(ready);
    ready.clear();
    return rest;
  }

  /** All actions up to the horizon (for tests and tools). */
  public List<Action> actionsUntil(long horizonMs) {
    List<Action> actions = new ArrayList<>();
    Action a;
    while ((a = next(horizonMs)) != null) {
      actions.add(a);
    }
    return actions;
  }

  /**
   * Ends every open session at {@code simMs} (USER_STOPPED at its current position), as when the
   * viewers close their apps at the end of a run; returns the stop actions in session order.
   */
  public List<Action> closeAll(long simMs) {
    List<Action> stops = new ArrayList<>();
    for (Session s : new ArrayList<>(open.values())) {
      long position = s.positionMs;
      if (s.startedAt >= 0) {
        position = Math.min(s.plan.watchMs(), position + Math.max(0, simMs - s.lastTick));
      }
      stops.add(
          new Action.StopPlayback(
              Math.max(simMs, now),
              s.playback,
              StopReason.USER_STOPPED,
              position / 1000,
              position));
      end(s);
    }
    return stops;
  }

  /** Sessions requested and not yet ended. */
  public int activeSessions() {
    return open.size();
  }

  /** Visits that arrived (a profile opened the app). */
  public long visits() {
    return visits;
  }

  /** Play requests for licensed titles (sessions opened). */
  public long sessions() {
    return sessions;
  }

  /** Arrivals dropped because every profile was busy. */
  public long visitsWithoutIdleProfile() {
    return visitsWithoutIdleProfile;
  }

  /** Simulated time of the last step run. */
  public long nowMs() {
    return now;
  }

  public Population population() {
    return population;
  }

  public TitleCatalog catalog() {
    return catalog;
  }

  public ZipfPopularity popularity() {
    return popularity;
  }

  public TasteSpace space() {
    return space;
  }

  /** Latent factor of each title, by catalog index. */
  public double[] titleFactor(int titleIndex) {
    return factors[titleIndex].clone();
  }

  public CdnModel cdn() {
    return cdn;
  }

  public ModelConfig config() {
    return config;
  }

  private void schedule(long at, Runnable body) {
    // steps one heartbeat interval ahead are scheduled in time order: the queue's FIFO takes them
    queue.add(at, sequence++, body, at - now == heartbeatMs);
  }

  private void emit(Action action) {
    ready.add(action);
  }

  private long nextArrivalGap() {
    return 1 + Math.round(rng.exponential(1000.0 / config.visitsPerSimSecond()));
  }

  private void healthTick() {
    for (int i = 0; i < cdn.servers().size(); i++) {
      emit(cdn.report(i, now, rng));
    }
    schedule(now + reportMs, this::healthTick);
  }

  private void arrival() {
    schedule(now + nextArrivalGap(), this::arrival);
    Profile profile = pickIdleProfile();
    if (profile == null) {
      visitsWithoutIdleProfile++;
      return;
    }
    visits++;
    busy[profile.index()] = true;
    showRow(profile, 0);
  }

  /** By activity weight; when 16 weighted draws all hit busy profiles, the next idle one. */
  private Profile pickIdleProfile() {
    double total = cumulativeActivity[cumulativeActivity.length - 1];
    for (int attempt = 0; attempt < 16; attempt++) {
      int i = Arrays.binarySearch(cumulativeActivity, rng.nextDouble() * total);
      int index = Math.min(i >= 0 ? i + 1 : -i - 1, cumulativeActivity.length - 1);
      if (!busy[index]) {
        return population.profiles().get(index);
      }
    }
    int from = rng.nextInt(busy.length);
    for (int k = 0; k < busy.length; k++) {
      int index = (from + k) % busy.length;
      if (!busy[index]) {
        return population.profiles().get(index);
      }
    }
    return null;
  }

  private void showRow(Profile profile, int rowsShown) {
    TitleChooser.Row row = chooser.row(profile, lastWatched[profile.index()], rng);
    List<String> ids = new ArrayList<>(row.titles().length);
    for (int t : row.titles()) {
      ids.add(catalog.get(t).titleId());
    }
    emit(
        new Action.ShowRow(
            now,
            profile.accountId(),
            profile.profileId(),
            row.name(),
            ids,
            profile.country(),
            profile.device().wireName()));
    int chosen = chooser.choose(profile, row.titles(), rng);
    if (chosen >= 0) {
      schedule(now + 2_000 + Math.round(rng.uniform(0, 6_000)), () -> play(profile, chosen));
    } else if (rowsShown + 1 < MAX_ROWS && !rng.chance(LEAVE_AFTER_EMPTY_ROW)) {
      schedule(
          now + 4_000 + Math.round(rng.exponential(8_000)), () -> showRow(profile, rowsShown + 1));
    } else {
      busy[profile.index()] = false;
    }
  }

  private void play(Profile profile, int titleIndex) {
    Title title = catalog.get(titleIndex);
    String sessionId = rng.uuid().toString();
    if (!title.isLicensedIn(profile.country())) {
      emit(
          new Action.RequestPlay(
              now, playback(sessionId, profile, title, null), false, List.of(), false));
      busy[profile.index()] = false;
      return;
    }
    CdnModel.Steering steering = cdn.steer(profile, now);
    int server = steering.server();
    CdnServer chosen = cdn.servers().get(server);
    boolean crossRegion = !chosen.region().equals(profile.region());
    double appeal = chooser.appeal(profile, titleIndex);
    Session s =
        new Session(
            playback(sessionId, profile, title, chosen.serverId()),
            profile,
            titleIndex,
            server,
            crossRegion,
            appeal,
            ViewingModel.plan(title, profile.device(), appeal, config.errorRate(), rng));
    cdn.attach(server);
    open.put(sessionId, s);
    sessions++;
    emit(
        new Action.RequestPlay(
            now, s.playback, true, steering.candidates(), steering.fallbackUsed()));
    double failShare = cdn.startFailureShare(profile.region(), now);
    if (failShare > 0 && rng.chance(failShare)) { // no draw without such a cut: same seed, same run
      schedule(now + STARTUP_TIMEOUT_MS, () -> failedStart(s));
      return;
    }
    s.startupLatencyMs =
        QoeModel.startupLatencyMs(
            profile.device(), cdn.effectiveLoad(server, now, crossRegion), crossRegion, rng);
    schedule(now + s.startupLatencyMs, () -> started(s));
  }

  private Action.Playback playback(
      String sessionId, Profile profile, Title title, String serverId) {
    return new Action.Playback(
        sessionId,
        profile.accountId(),
        profile.profileId(),
        title.titleId(),
        profile.device().wireName(),
        profile.country(),
        profile.region(),
        profile.isp(),
        profile.clientIp(),
        serverId);
  }

  /** A play whose client reached no server within the startup timeout (a CDN cut). */
  private void failedStart(Session s) {
    if (s.ended) {
      return;
    }
    emit(
        new Action.ReportError(
            now,
            s.playback,
            ViewingModel.CDN_ERROR_CODE,
            true,
            "no CDN server answered within the startup timeout"));
    endAfterFatal(s);
  }

  private void started(Session s) {
    if (s.ended) {
      return;
    }
    double load = cdn.effectiveLoad(s.server, now, s.crossRegion);
    emit(
        new Action.ReportStarted(
            now,
            s.playback,
            s.startupLatencyMs,
            QoeModel.initialBitrateKbps(s.profile.device(), load, rng)));
    s.startedAt = now;
    s.lastTick = now;
    if (s.plan.errorAfterMs() >= 0) {
      schedule(now + Math.max(1, s.plan.errorAfterMs()), () -> plannedError(s));
    }
    scheduleNext(s);
  }

  private void scheduleNext(Session s) {
    long remaining = s.watchMs - s.positionMs;
    if (remaining <= heartbeatMs) {
      if (s.stopStep == null) {
        s.stopStep = () -> stop(s);
      }
      schedule(now + Math.max(1, remaining), s.stopStep);
    } else {
      if (s.heartbeatStep == null) {
        s.heartbeatStep = () -> heartbeat(s);
      }
      schedule(now + heartbeatMs, s.heartbeatStep);
    }
  }

  private void heartbeat(Session s) {
    if (s.ended) {
      return;
    }
    double load = cdn.effectiveLoad(s.server, now, s.crossRegion);
    long interval = now - s.lastTick;
    QoeModel.Heartbeat hb = QoeModel.heartbeat(s.device, load, interval, rng);
    s.positionMs += interval - hb.rebufferDurationMs();
    s.lastTick = now;
    emit(
        new Action.SendHeartbeat(
            now,
            s.playback,
            s.positionMs,
            hb.bitrateKbps(),
            hb.bufferLevelMs(),
            hb.rebufferCount(),
            hb.rebufferDurationMs(),
            hb.droppedFrames(),
            interval));
    if (cdn.isCut(s.server, now) && rng.chance(CUT_FATAL_PER_HEARTBEAT)) {
      emit(
          new Action.ReportError(
              now, s.playback, ViewingModel.CDN_ERROR_CODE, true, "CDN server stopped answering"));
      endAfterFatal(s);
      return;
    }
    scheduleNext(s);
  }

  private void plannedError(Session s) {
    if (s.ended) {
      return;
    }
    emit(
        new Action.ReportError(
            now, s.playback, s.plan.errorCode(), s.plan.errorFatal(), s.plan.errorMessage()));
    if (s.plan.errorFatal()) {
      endAfterFatal(s);
    }
  }

  private void endAfterFatal(Session s) {
    end(s);
    lastWatched[s.profile.index()] = s.title;
    busy[s.profile.index()] = false;
  }

  private void stop(Session s) {
    if (s.ended) {
      return;
    }
    s.positionMs = s.plan.watchMs();
    emit(
        new Action.StopPlayback(
            now,
            s.playback,
            s.plan.completes() ? StopReason.COMPLETED : StopReason.USER_STOPPED,
            s.positionMs / 1000,
            s.positionMs));
    end(s);
    lastWatched[s.profile.index()] = s.title;
    if (ViewingModel.rates(config.ratingProbability(), s.plan.completes(), rng)) {
      schedule(now + 3_000 + Math.round(rng.exponential(10_000)), () -> rate(s));
    } else {
      busy[s.profile.index()] = false;
    }
  }

  private void rate(Session s) {
    Profile p = s.profile;
    emit(
        new Action.RateTitle(
            now,
            p.accountId(),
            p.profileId(),
            s.playback.titleId(),
            ViewingModel.thumb(s.appeal, rng),
            p.country()));
    busy[p.index()] = false;
  }

  private void end(Session s) {
    s.ended = true;
    open.remove(s.playback.sessionId());
    cdn.detach(s.server);
  }
}
