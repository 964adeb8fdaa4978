package io.playstream.simulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.simulator.ReportCounter;
import io.playstream.simulator.model.Action;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.ModelConfig;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TitleCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventFactoryTest {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private static List<Action> actions(long seed) {
    ModelConfig config = ModelConfig.defaults(seed).withErrorRate(0.3).withVisitsPerSimSecond(0.2);
    SimulationModel model =
        new SimulationModel(config, TitleCatalog.generated(200, 1), CdnServer.defaultFleet());
    List<Action> actions = new ArrayList<>(model.actionsUntil(Duration.ofHours(3).toMillis()));
    actions.addAll(model.closeAll(Duration.ofHours(3).toMillis()));
    return actions;
  }

  @Test
  void everyActionBecomesTheEventOfItsTypeWithTheCatalogKey() {
    EventFactory factory = new EventFactory(42, EPOCH);
    EventCodec codec = EventCodec.standard();
    Set<EventType> seen = EnumSet.noneOf(EventType.class);
    for (Action a : actions(42)) {
      SpecificRecord e = factory.toEvent(a);
      assertThat(e).isNotNull();
      EventType type = EventType.of(e);
      seen.add(type);
      assertThat(type).isEqualTo(a.eventType());
      assertThat(Events.header(e).getEventTime()).isEqualTo(EPOCH.plusMillis(a.atMs()));
      assertThat(Events.header(e).getInstance()).isEqualTo("simulator-42");
      assertThat(codec.decode(codec.encode(e))).isEqualTo(e); // complete and valid per schema
      String expectedKey =
          switch (type) {
            case IMPRESSION -> ((Action.ShowRow) a).profileId();
            case RATING -> ((Action.RateTitle) a).profileId();
            case CDN_SERVER_HEALTH -> ((Action.ReportCdnHealth) a).serverId();
            default -> sessionOf(a);
          };
      assertThat(Events.key(e)).isEqualTo(expectedKey);
      assertThat(Events.header(e).getService())
          .isEqualTo(
              type == EventType.STEERING_DECISION || type == EventType.CDN_SERVER_HEALTH
                  ? "steering"
                  : "playback");
    }
    assertThat(seen).containsExactlyInAnyOrder(ReportCounter.SIMULATED_TYPES);
  }

  @Test
  void theSameSeedGivesTheSameEventsIdsIncluded() {
    List<SpecificRecord> a = events(42);
    List<SpecificRecord> b = events(42);
    List<SpecificRecord> c = events(43);
    assertThat(b).isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
    assertThat(a.stream().map(Events::eventId).distinct().count()).isEqualTo(a.size());
  }

  @Test
  void aPlayOfAnUnlicensedTitleEmitsNothing() {
    Action.Playback p =
        new Action.Playback("s", "a", "p", "t", "tv", "US", "us-east", "isp", "198.18.0.1", null);
    assertThat(
            new EventFactory(1, EPOCH)
                .toEvent(new Action.RequestPlay(5, p, false, List.of(), false)))
        .isNull();
  }

  private static List<SpecificRecord> events(long seed) {
    EventFactory factory = new EventFactory(seed, EPOCH);
    return actions(seed).stream().map(factory::toEvent).toList();
  }

  private static String sessionOf(Action a) {
    if (a instanceof Action.RequestPlay x) {
      return x.playback().sessionId();
    }
    if (a instanceof Action.ReportStarted x) {
      return x.playback().sessionId();
    }
    if (a instanceof Action.SendHeartbeat x) {
      return x.playback().sessionId();
    }
    if (a instanceof Action.ReportError x) {
      return x.playback().sessionId();
    }
    return ((Action.StopPlayback) a).playback().sessionId();
  }
}
