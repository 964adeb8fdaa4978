package io.playstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playstream.schemas.EventSerializer;
import io.playstream.schemas.EventType;
import io.playstream.simulator.kafka.EventFactory;
import io.playstream.simulator.kafka.KafkaEventSink;
import io.playstream.simulator.model.Action;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.ModelConfig;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TitleCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  private static final TitleCatalog TITLES = TitleCatalog.generated(200, 1);

  /** One simulated hour in one wall second, 0.1 visits per simulated second. */
  private static SimulatorOptions fastKafka(long seed) {
    return SimulatorOptions.defaults()
        .withMode(Mode.KAFKA)
        .withSeed(seed)
        .withProfiles(100)
        .withTimeCompression(3_600)
        .withRate(360)
        .withDuration(Duration.ofSeconds(1))
        .withProgressInterval(Duration.ofMillis(200))
        .withDrainTimeout(Duration.ofSeconds(5));
  }

  /** Kafka mode on a mock producer, so the test needs no broker. */
  private static final class MockKafka implements Simulator.Wiring {
    final MockProducer<String, SpecificRecord> producer =
        new MockProducer<>(true, null, new StringSerializer(), new EventSerializer());
    private final SimulatorOptions options;

    MockKafka(SimulatorOptions options) {
      this.options = options;
    }

    @Override
    public SimulationModel model(ModelConfig config) {
      return new SimulationModel(config, TITLES, CdnServer.defaultFleet());
    }

    @Override
    public ActionSink sink(SimulationModel model, ReportCounter counter) {
      return new KafkaEventSink(
          producer, new EventFactory(options.seed(), options.startTime()), counter);
    }

    List<SpecificRecord> values() {
      return producer.history().stream().map(ProducerRecord::value).toList();
    }
  }

  /** Records actions; answers nothing. */
  private static final class Recording implements Simulator.Wiring, ActionSink {
    final List<Action> actions = new CopyOnWriteArrayList<>();

    @Override
    public SimulationModel model(ModelConfig config) {
      return new SimulationModel(config, TITLES, CdnServer.defaultFleet());
    }

    @Override
    public ActionSink sink(SimulationModel model, ReportCounter counter) {
      return this;
    }

    @Override
    public void submit(Action action) {
      actions.add(action);
    }

    @Override
    public boolean drain(Duration timeout) {
      return true;
    }

    @Override
    public int outstanding() {
      return 0;
    }

    @Override
    public void close() {}
  }

  @Test
  void inKafkaModeTheSameSeedGivesTheSameEvents() throws Exception {
    MockKafka first = new MockKafka(fastKafka(42));
    List<Progress> progress = new CopyOnWriteArrayList<>();
    SimulationReport report = new Simulator(fastKafka(42), progress::add, first).run();
    MockKafka second = new MockKafka(fastKafka(42));
    new Simulator(fastKafka(42), ProgressListener.none(), second).run();
    MockKafka other = new MockKafka(fastKafka(43));
    new Simulator(fastKafka(43), ProgressListener.none(), other).run();

    assertThat(first.values()).hasSizeGreaterThan(1_000);
    assertThat(second.values()).isEqualTo(first.values());
    assertThat(other.values()).isNotEqualTo(first.values());

    // expected events = acknowledged records, per type
    Map<String, Long> produced = new HashMap<>();
    first.values().forEach(v -> produced.merge(EventType.of(v).simpleName(), 1L, Long::sum));
    produced.forEach((type, n) -> assertThat(report.expectedEvents()).containsEntry(type, n));
    assertThat(report.totalExpected()).isEqualTo(first.values().size());
    assertThat(report.mode()).isEqualTo("kafka");
    assertThat(report.simulatedSeconds()).isEqualTo(3_600.0);
    assertThat(report.durationSeconds()).isBetween(1.0, 10.0);
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1).totals()).isEqualTo(report.expectedEvents());
  }

  @Test
  void stopEndsTheRunEarlyAndEverySessionIsClosed() throws Exception {
    Recording recording = new Recording();
    SimulatorOptions options =
        fastKafka(5).withDuration(Duration.ZERO).withTimeCompression(600).withRate(60);
    Simulator simulator = new Simulator(options, ProgressListener.none(), recording);
    CompletableFuture<SimulationReport> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return simulator.run();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> recording.actions.stream().anyMatch(a -> a instanceof Action.SendHeartbeat));
    simulator.stop();
    SimulationReport report = run.get(10, TimeUnit.SECONDS);

    assertThat(report.simulatedSeconds()).isPositive();
    assertThat(report.actions()).isEqualTo(recording.actions.size());
    Set<String> open = new HashSet<>();
    long previous = 0;
    for (Action a : recording.actions) {
      assertThat(a.atMs()).isGreaterThanOrEqualTo(previous);
      previous = a.atMs();
      if (a instanceof Action.RequestPlay p && p.licensed()) {
        open.add(p.playback().sessionId());
      } else if (a instanceof Action.StopPlayback s) {
        assertThat(open.remove(s.playback().sessionId())).isTrue();
      } else if (a instanceof Action.ReportError e && e.fatal()) {
        assertThat(open.remove(e.playback().sessionId())).isTrue();
      }
    }
    assertThat(open).isEmpty();
  }

  @Test
  void withoutClosingSessionsTheRunEndsWithSessionsOpen() throws Exception {
    Recording recording = new Recording();
    new Simulator(fastKafka(6).withStopSessionsAtEnd(false), ProgressListener.none(), recording)
        .run();
    long plays =
        recording.actions.stream()
            .filter(a -> a instanceof Action.RequestPlay p && p.licensed())
            .count();
    long ends =
        recording.actions.stream()
            .filter(
                a ->
                    a instanceof Action.StopPlayback
                        || (a instanceof Action.ReportError e && e.fatal()))
            .count();
    assertThat(ends).isLessThan(plays);
  }

  @Test
  void theActionsDoNotDependOnTheWallClock() throws Exception {
    // the same simulated hour, once in one wall second and once in half a second
    Recording slow = new Recording();
    new Simulator(fastKafka(8), ProgressListener.none(), slow).run();
    Recording fast = new Recording();
    new Simulator(
            fastKafka(8)
                .withTimeCompression(7_200)
                .withRate(720)
                .withDuration(Duration.ofMillis(500)),
            ProgressListener.none(),
            fast)
        .run();
    assertThat(slow.actions).hasSizeGreaterThan(1_000);
    assertThat(fast.actions).isEqualTo(slow.actions);
  }
}
