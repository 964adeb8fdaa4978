package io.playstream.jobs;

import static io.playstream.jobs.MetricsJobsMiniClusterTest.drain;
import static io.playstream.jobs.MetricsJobsMiniClusterTest.env;
import static io.playstream.jobs.MetricsJobsMiniClusterTest.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.AlertState;
import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.SpsAlert;
import io.playstream.flink.RawEvent;
import io.playstream.jobs.playback.PlaybackHealthJob;
import io.playstream.simulator.kafka.EventFactory;
import io.playstream.simulator.model.Action;
import io.playstream.simulator.model.CdnCut;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.ModelConfig;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TitleCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The signature alert, end to end in event time: the traffic simulator cuts the eu-west CDN region
 * so that most of its clients' plays fail to start ({@code --cut-cdn eu-west@20m+10m:0.9}); its
 * stream starts and failures go through the real playback-health graph; an SPS drop alert opens for
 * eu-west's countries during the cut — and for no other country.
 */
class SimulatedOutageAlertTest {
  private static final Instant EPOCH = Instant.parse("2026-01-01T20:00:00Z");
  private static final Set<String> EU_WEST = Set.of("GB", "DE", "FR", "ES");

  @Test
  void aCdnCutInTheSimulatorOpensSpsAlertsForTheCutRegionsCountriesOnly() throws Exception {
    CdnCut cut = CdnCut.parse("eu-west@20m+10m:0.9");
    ModelConfig config =
        ModelConfig.defaults(11)
            .withProfiles(40_000) // enough idle profiles that visits arrive at their own rate
            .withVisitsPerSimSecond(8)
            .withErrorRate(0)
            .withCuts(List.of(cut));
    SimulationModel model =
        new SimulationModel(config, TitleCatalog.bundled(), CdnServer.defaultFleet());
    EventFactory events = new EventFactory(11, EPOCH);
    long end = cut.start().plus(cut.duration()).plusMinutes(2).toMillis();
    List<RawEvent> input = new ArrayList<>();
    for (Action a = model.next(end); a != null; a = model.next(end)) {
      // the SPS graph reads starts and errors; heartbeats and the rest only make the run slower
      if (a instanceof Action.ReportStarted || a instanceof Action.ReportError) {
        SpecificRecord e = events.toEvent(a);
        if (e instanceof PlaybackStarted || e instanceof PlaybackError) {
          input.add(Fixtures.raw(e));
        }
      }
    }
    assertThat(input).hasSizeGreaterThan(5_000);

    StreamExecutionEnvironment env = env();
    PlaybackHealthJob.Outputs out =
        PlaybackHealthJob.build(source(env, input), new MetricsJobsOptions());
    var alerts = out.alerts().collectAsync();
    env.execute("simulated outage");

    List<SpsAlert> all =
        drain(alerts).stream().filter(a -> a.getState() == AlertState.OPENED).toList();
    Instant cutStart = EPOCH.plus(cut.start());
    Instant cutEnd = cutStart.plus(cut.duration());
    // small countries (a baseline of a few starts per 10 s window) can open an alert on Poisson
    // noise alone before the cut; during the cut only the cut region's countries may alert
    List<SpsAlert> opened =
        all.stream()
            .filter(a -> !a.getOpenedAt().isBefore(cutStart) && a.getOpenedAt().isBefore(cutEnd))
            .toList();
    assertThat(opened).extracting(SpsAlert::getCountry).isNotEmpty().allMatch(EU_WEST::contains);
    assertThat(opened)
        .extracting(SpsAlert::getCountry)
        .as("the region's larger countries")
        .contains("GB", "DE");
    for (SpsAlert a : opened) {
      assertThat(a.getOpenedAt()).isBetween(cutStart, cutEnd);
      assertThat(a.getObservedSps()).isLessThan(a.getBaselineSps() * 0.5);
    }
    assertThat(Duration.between(cutStart, opened.get(0).getOpenedAt()))
        .isLessThan(Duration.ofMinutes(2));
  }
}
