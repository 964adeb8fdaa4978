package io.playstream.simulator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.StopReason;
import io.playstream.events.Thumb;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.simulator.ReportCounter;
import io.playstream.simulator.model.Action;
import io.playstream.simulator.model.CdnCut;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.ModelConfig;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TitleCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ActionEncoderTest {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private static final EventCodec CODEC = EventCodec.standard();

  /** Errors, CDN cuts (fatal errors, steering fallbacks), refused plays, ratings: every type. */
  private static List<Action> actions(long seed) {
    ModelConfig config =
        ModelConfig.defaults(seed)
            .withProfiles(400)
            .withErrorRate(0.3)
            .withVisitsPerSimSecond(0.5)
            .withCuts(
                List.of(
                    CdnCut.parse("us-east@600s+1200s"),
                    CdnCut.parse("us-west@600s+1200s"),
                    CdnCut.parse("eu-west@900s+600s")));
    SimulationModel model =
        new SimulationModel(config, TitleCatalog.generated(300, 5), CdnServer.defaultFleet());
    List<Action> actions = new ArrayList<>(model.actionsUntil(Duration.ofHours(2).toMillis()));
    actions.addAll(model.closeAll(Duration.ofHours(2).toMillis()));
    return actions;
  }

  /** Hand-made actions with what the model never makes: non-ASCII text, nulls, empty lists. */
  private static List<Action> oddActions() {
    Action.Playback p =
        new Action.Playback(
            "séance-1",
            "a",
            "prófile",
            "títle",
            "tv",
            "BR",
            "sa-east",
            "Telefônica 📺",
            null,
            "srv-1");
    Action.Playback noServer =
        new Action.Playback("s2", "a", "p", "t", "tv", "US", "us-east", "isp", "198.18.0.1", null);
    Action.Playback nulls =
        new Action.Playback("s3", "a", "p", "t", null, null, "us-east", "isp", "198.18.0.1", null);
    return List.of(
        new Action.ShowRow(1, "a", "prófile", "für dich", List.of("t1", "t²"), "DE", "tv"),
        new Action.ShowRow(2, "a", "p", "trending", List.of(), "US", "web"),
        new Action.RequestPlay(3, p, true, List.of(), true),
        new Action.RequestPlay(4, p, true, List.of(new Action.Candidate("srv-1", 1, -0.0)), false),
        new Action.ReportStarted(5, p, 0, Integer.MAX_VALUE),
        new Action.SendHeartbeat(6, p, Long.MAX_VALUE, -1, 0, 0, Long.MIN_VALUE, 7, 30_000),
        new Action.ReportError(7, p, "E-1", false, "ça a planté"),
        new Action.ReportError(8, noServer, "E-2", true, null),
        new Action.ReportError(9, nulls, "E-3", true, null),
        new Action.StopPlayback(10, p, StopReason.ERROR, 0, -5),
        new Action.RateTitle(11, "a", "prófile", "títle", Thumb.DOWN, "BR"),
        new Action.ReportCdnHealth(12, "srv-é", "eu-west", Double.NaN, false, 0, -1),
        new Action.RequestPlay(13, noServer, false, List.of(), false)); // refused: no event
  }

  @Test
  void writesExactlyWhatTheFactoryAndTheCodecWrite() {
    for (long seed : new long[] {42, 7}) {
      ActionEncoder encoder = new ActionEncoder(seed, EPOCH);
      EventFactory factory = new EventFactory(seed, EPOCH);
      Set<EventType> seen = EnumSet.noneOf(EventType.class);
      int refused = 0;
      List<Action> actions = new ArrayList<>(actions(seed));
      actions.addAll(oddActions());
      for (Action a : actions) {
        SpecificRecord event = factory.toEvent(a);
        byte[] bytes = encoder.encode(a);
        if (event == null) {
          assertThat(bytes).isNull();
          refused++;
          continue;
        }
        EventType type = EventType.of(event);
        seen.add(type);
        assertThat(hex(bytes)).as("%s", a).isEqualTo(hex(CODEC.encode(event)));
        assertThat(new String(encoder.lastKey(), StandardCharsets.UTF_8))
            .isEqualTo(type.keyOf(event))
            .isEqualTo(ActionEncoder.keyOf(a));
      }
      assertThat(seen).containsExactlyInAnyOrder(ReportCounter.SIMULATED_TYPES);
      assertThat(refused).isPositive();
    }
  }

  @Test
  void theCurrentSchemasHaveTheShapesTheWritersAssume() {
    ActionEncoder encoder = new ActionEncoder(1, EPOCH);
    for (EventType type : ReportCounter.SIMULATED_TYPES) {
      assertThat(ActionEncoder.shape(type.schema())).isEqualTo(ActionEncoder.SHAPES.get(type));
      assertThat(encoder.writesDirectly(type)).isTrue();
    }
  }

  @Test
  void aTypeWhoseSchemaChangedGoesThroughTheCodecAndTheIdsStayInStep() {
    Map<EventType, String> shapes = new EnumMap<>(ActionEncoder.SHAPES);
    shapes.put(EventType.PLAYBACK_HEARTBEAT, "{a schema this encoder was not written for}");
    shapes.put(EventType.IMPRESSION, "{another one}");
    ActionEncoder encoder = new ActionEncoder(42, EPOCH, shapes);
    assertThat(encoder.writesDirectly(EventType.PLAYBACK_HEARTBEAT)).isFalse();
    assertThat(encoder.writesDirectly(EventType.PLAYBACK_STARTED)).isTrue();
    EventFactory factory = new EventFactory(42, EPOCH);
    int compared = 0;
    for (Action a : actions(42)) {
      SpecificRecord event = factory.toEvent(a);
      byte[] bytes = encoder.encode(a);
      if (event != null) {
        assertThat(hex(bytes)).isEqualTo(hex(CODEC.encode(event)));
        assertThat(new String(encoder.lastKey(), StandardCharsets.UTF_8))
            .isEqualTo(EventType.of(event).keyOf(event));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(1_000);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
