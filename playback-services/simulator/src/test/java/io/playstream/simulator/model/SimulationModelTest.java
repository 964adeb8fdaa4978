package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationModelTest {
  private static final long TWO_HOURS = Duration.ofHours(2).toMillis();
  private static final long SIX_HOURS = Duration.ofHours(6).toMillis();

  /** 300 generated titles, every fifth licensed only in KR (so some plays are refused). */
  private static final TitleCatalog CATALOG = partlyUnlicensed(TitleCatalog.generated(300, 5));

  private static final List<CdnServer> FLEET = CdnServer.defaultFleet();

  private static ModelConfig config(long seed) {
    return ModelConfig.defaults(seed).withProfiles(150).withVisitsPerSimSecond(0.2);
  }

  @Test
  void theSameSeedGivesTheSameActions() {
    List<Action> first = new SimulationModel(config(42), CATALOG, FLEET).actionsUntil(TWO_HOURS);
    List<Action> second = new SimulationModel(config(42), CATALOG, FLEET).actionsUntil(TWO_HOURS);
    assertThat(first).hasSizeGreaterThan(1_000);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void anotherSeedGivesOtherActions() {
    List<Action> a = new SimulationModel(config(42), CATALOG, FLEET).actionsUntil(TWO_HOURS);
    List<Action> b = new SimulationModel(config(43), CATALOG, FLEET).actionsUntil(TWO_HOURS);
    assertThat(b).isNotEqualTo(a);
  }

  @Test
  void theOrderTitlesAndServersAreListedInDoesNotMatter() {
    List<Title> titles = new ArrayList<>(CATALOG.titles());
    Collections.reverse(titles);
    List<CdnServer> fleet = new ArrayList<>(FLEET);
    Collections.reverse(fleet);
    assertThat(
            new SimulationModel(config(42), new TitleCatalog(titles), fleet)
                .actionsUntil(TWO_HOURS))
        .isEqualTo(new SimulationModel(config(42), CATALOG, FLEET).actionsUntil(TWO_HOURS));
  }

  @Test
  void takingActionsInSlicesGivesTheSameActionsAsAllAtOnce() {
    SimulationModel sliced = new SimulationModel(config(42), CATALOG, FLEET);
    List<Action> slices = new ArrayList<>();
    for (long t = 0; t <= TWO_HOURS; t += 7_001) {
      slices.addAll(sliced.actionsUntil(t));
    }
    slices.addAll(sliced.actionsUntil(TWO_HOURS));
    assertThat(slices)
        .isEqualTo(new SimulationModel(config(42), CATALOG, FLEET).actionsUntil(TWO_HOURS));
  }

  @Test
  void everySessionIsWellFormed() {
    SimulationModel model = new SimulationModel(config(7).withErrorRate(0.05), CATALOG, FLEET);
    List<Action> actions = new ArrayList<>(model.actionsUntil(SIX_HOURS));
    actions.addAll(model.closeAll(SIX_HOURS));
    assertThat(model.activeSessions()).isZero();

    long previous = 0;
    Map<String, List<Action>> bySession = new LinkedHashMap<>();
    Map<String, Action.StopPlayback> lastStopOfProfile = new HashMap<>();
    int ratings = 0;
    for (Action a : actions) {
      assertThat(a.atMs()).as("time order").isGreaterThanOrEqualTo(previous);
      previous = a.atMs();
      Action.Playback p = playbackOf(a);
      if (p != null) {
        bySession.computeIfAbsent(p.sessionId(), k -> new ArrayList<>()).add(a);
      }
      if (a instanceof Action.StopPlayback s) {
        lastStopOfProfile.put(s.playback().profileId(), s);
      }
      if (a instanceof Action.RateTitle r) {
        ratings++;
        Action.StopPlayback stop = lastStopOfProfile.get(r.profileId());
        assertThat(stop).as("a rating follows a stop").isNotNull();
        assertThat(stop.playback().titleId()).isEqualTo(r.titleId());
      }
      if (a instanceof Action.ShowRow row) {
        assertThat(row.titleIds()).hasSize(TitleChooser.ROW_SIZE);
      }
    }
    assertThat(ratings).isPositive();

    int refused = 0;
    int completed = 0;
    int fatal = 0;
    for (List<Action> session : bySession.values()) {
      Action.RequestPlay play = (Action.RequestPlay) session.get(0);
      session.forEach(a -> assertThat(playbackOf(a)).isEqualTo(play.playback()));
      if (!play.licensed()) {
        refused++;
        assertThat(session).hasSize(1);
        assertThat(play.playback().serverId()).isNull();
        continue;
      }
      assertThat(play.candidates()).isNotEmpty();
      assertThat(play.candidates().get(0).serverId()).isEqualTo(play.playback().serverId());
      Action last = session.get(session.size() - 1);
      boolean endsWithFatal = last instanceof Action.ReportError e && e.fatal();
      assertThat(last instanceof Action.StopPlayback || endsWithFatal)
          .as("a session ends with a stop or a fatal error")
          .isTrue();
      long position = 0;
      for (int i = 1; i < session.size() - 1; i++) {
        Action a = session.get(i);
        if (i == 1) {
          assertThat(a)
              .as("started right after the play request")
              .isInstanceOf(Action.ReportStarted.class);
          continue;
        }
        if (a instanceof Action.SendHeartbeat hb) {
          assertThat(hb.positionMs()).isGreaterThan(position);
          assertThat(hb.intervalMs()).isEqualTo(30_000);
          position = hb.positionMs();
        } else {
          assertThat(a).isInstanceOf(Action.ReportError.class);
          assertThat(((Action.ReportError) a).fatal()).isFalse();
        }
      }
      if (last instanceof Action.StopPlayback stop) {
        assertThat(stop.positionMs()).isGreaterThanOrEqualTo(position);
        assertThat(stop.watchedSeconds()).isEqualTo(stop.positionMs() / 1000);
        completed += stop.reason() == StopReason.COMPLETED ? 1 : 0;
      } else {
        fatal++;
      }
    }
    assertThat(refused).as("plays refused for licensing").isPositive();
    assertThat(completed).isPositive();
    assertThat(fatal).isPositive();
    assertThat(model.sessions()).isEqualTo(bySession.size() - refused);
  }

  @Test
  void aProfileWatchesOneThingAtATime() {
    SimulationModel model = new SimulationModel(config(11), CATALOG, FLEET);
    Map<String, String> openByProfile = new HashMap<>();
    for (Action a : model.actionsUntil(SIX_HOURS)) {
      if (a instanceof Action.RequestPlay play && play.licensed()) {
        String profile = play.playback().profileId();
        assertThat(openByProfile).doesNotContainKey(profile);
        openByProfile.put(profile, play.playback().sessionId());
      } else if (a instanceof Action.StopPlayback s) {
        openByProfile.remove(s.playback().profileId());
      } else if (a instanceof Action.ReportError e && e.fatal()) {
        openByProfile.remove(e.playback().profileId());
      }
    }
    assertThat(openByProfile).hasSize(model.activeSessions());
  }

  @Test
  void everyServerReportsEveryTenSeconds() {
    SimulationModel model = new SimulationModel(config(3), CATALOG, FLEET);
    long reports =
        model.actionsUntil(Duration.ofMinutes(10).toMillis()).stream()
            .filter(a -> a instanceof Action.ReportCdnHealth)
            .count();
    assertThat(reports).isEqualTo(61L * FLEET.size()); // at 0, 10 s, ..., 600 s
  }

  @Test
  void aCdnCutMakesItsRegionUnhealthySteersAwayAndSpikesRebuffering() {
    CdnCut cut = CdnCut.parse("eu-west@2h+1h");
    ModelConfig config =
        ModelConfig.defaults(21)
            .withProfiles(400)
            .withVisitsPerSimSecond(0.3)
            .withErrorRate(0)
            .withCuts(List.of(cut));
    SimulationModel model = new SimulationModel(config, CATALOG, FLEET);
    Set<String> euServers = Set.of("oca-eu-west-1", "oca-eu-west-2", "oca-eu-west-3");
    long cutStart = cut.start().toMillis();
    long cutEnd = cutStart + cut.duration().toMillis();
    double rebuffersBefore = 0;
    double rebuffersDuring = 0;
    int beatsBefore = 0;
    int beatsDuring = 0;
    int cutFatal = 0;
    for (Action a : model.actionsUntil(Duration.ofHours(4).toMillis())) {
      boolean during = a.atMs() >= cutStart && a.atMs() < cutEnd;
      if (a instanceof Action.ReportCdnHealth h && euServers.contains(h.serverId())) {
        assertThat(h.healthy()).isEqualTo(!during);
        if (during) {
          assertThat(h.load()).isEqualTo(0.99);
        }
      }
      if (a instanceof Action.RequestPlay p && p.licensed() && during) {
        assertThat(euServers).doesNotContain(p.playback().serverId());
        p.candidates().forEach(c -> assertThat(euServers).doesNotContain(c.serverId()));
      }
      if (a instanceof Action.SendHeartbeat hb && euServers.contains(hb.playback().serverId())) {
        if (a.atMs() >= cutStart - Duration.ofHours(1).toMillis() && a.atMs() < cutStart) {
          rebuffersBefore += hb.rebufferCount();
          beatsBefore++;
        } else if (during) {
          rebuffersDuring += hb.rebufferCount();
          beatsDuring++;
        }
      }
      if (a instanceof Action.ReportError e && during) {
        assertThat(e.code()).isEqualTo(ViewingModel.CDN_ERROR_CODE);
        cutFatal++;
      }
    }
    assertThat(beatsBefore).isPositive();
    assertThat(beatsDuring).isPositive();
    assertThat(rebuffersDuring / beatsDuring).isGreaterThan(5 * (rebuffersBefore / beatsBefore));
    assertThat(cutFatal).isPositive();
  }

  @Test
  void aCutWithAStartFailureShareDropsTheRegionsStreamStartsAndNoOtherRegions() {
    CdnCut cut = CdnCut.parse("eu-west@2h+1h:0.9");
    ModelConfig config =
        ModelConfig.defaults(22)
            .withProfiles(6000) // enough idle profiles: visits arrive at their own rate
            .withVisitsPerSimSecond(0.5)
            .withErrorRate(0)
            .withCuts(List.of(cut));
    SimulationModel model = new SimulationModel(config, CATALOG, FLEET);
    long cutStart = cut.start().toMillis();
    long cutEnd = cutStart + cut.duration().toMillis();
    long hour = Duration.ofHours(1).toMillis();
    java.util.Map<String, String> regionOfSession = new java.util.HashMap<>();
    int[] euStarts = new int[2]; // [hour before, during]
    int[] otherStarts = new int[2];
    int failedStarts = 0;
    for (Action a : model.actionsUntil(cutEnd)) {
      if (a instanceof Action.RequestPlay p && p.licensed()) {
        regionOfSession.put(p.playback().sessionId(), p.playback().region());
      }
      int slot = a.atMs() >= cutStart - hour && a.atMs() < cutStart ? 0 : -1;
      slot = a.atMs() >= cutStart && a.atMs() < cutEnd ? 1 : slot;
      if (a instanceof Action.ReportStarted st && slot >= 0) {
        if ("eu-west".equals(st.playback().region())) {
          euStarts[slot]++;
        } else {
          otherStarts[slot]++;
        }
      }
      if (a instanceof Action.ReportError e && e.message().startsWith("no CDN server answered")) {
        assertThat(e.fatal()).isTrue();
        assertThat(e.playback().region()).isEqualTo("eu-west");
        assertThat(a.atMs()).isBetween(cutStart, cutEnd + SimulationModel.STARTUP_TIMEOUT_MS);
        failedStarts++;
      }
    }
    assertThat(euStarts[0]).isGreaterThan(100);
    assertThat(euStarts[1]).as("eu-west starts during the cut").isLessThan(euStarts[0] / 4);
    assertThat(otherStarts[1]).as("other regions keep starting").isGreaterThan(otherStarts[0] / 2);
    assertThat(failedStarts).isGreaterThan(euStarts[0] / 2);
  }

  @Test
  void aCutWithoutAStartFailureShareLeavesTheRunAsBefore() {
    ModelConfig base = ModelConfig.defaults(23).withProfiles(200).withVisitsPerSimSecond(0.3);
    List<Action> plain =
        new SimulationModel(base.withCuts(List.of(CdnCut.parse("eu-west@10m+10m"))), CATALOG, FLEET)
            .actionsUntil(Duration.ofMinutes(30).toMillis());
    List<Action> zero =
        new SimulationModel(
                base.withCuts(List.of(CdnCut.parse("eu-west@10m+10m:0"))), CATALOG, FLEET)
            .actionsUntil(Duration.ofMinutes(30).toMillis());
    assertThat(zero).hasSameSizeAs(plain);
  }

  private static Action.Playback playbackOf(Action a) {
    if (a instanceof Action.RequestPlay x) {
      return x.playback();
    }
    if (a instanceof Action.ReportStarted x) {
      return x.playback();
    }
    if (a instanceof Action.SendHeartbeat x) {
      return x.playback();
    }
    if (a instanceof Action.ReportError x) {
      return x.playback();
    }
    if (a instanceof Action.StopPlayback x) {
      return x.playback();
    }
    return null;
  }

  private static TitleCatalog partlyUnlicensed(TitleCatalog catalog) {
    List<Title> titles = new ArrayList<>();
    for (int i = 0; i < catalog.size(); i++) {
      Title t = catalog.get(i);
      titles.add(
          i % 5 == 0
              ? new Title(
                  t.titleId(),
                  t.name(),
                  t.genres(),
                  t.releaseYear(),
                  Set.of("KR"),
                  t.durationSeconds())
              : t);
    }
    return new TitleCatalog(titles);
  }
}
