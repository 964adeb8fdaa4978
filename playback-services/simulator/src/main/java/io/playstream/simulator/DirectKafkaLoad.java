package io.playstream.simulator;

import io.playstream.schemas.TopicAdmin;
import io.playstream.schemas.Topics;
import io.playstream.simulator.kafka.EventFactory;
import io.playstream.simulator.kafka.KafkaEventSink;
import io.playstream.simulator.kafka.ProducerSettings;
import io.playstream.simulator.model.CdnServer;
import io.playstream.simulator.model.ModelConfig;
import io.playstream.simulator.model.SimulationModel;
import io.playstream.simulator.model.TitleCatalog;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The producer benchmark's workload: simulated events produced as fast as possible, no pacing. The
 * model runs on the sending thread and makes each event just before it is sent (cheap next to
 * encoding and producing); the mix is that of a steady audience (mostly heartbeats, then CDN health
 * reports, impressions, starts, stops, steering decisions, ratings and errors).
 */
public final class DirectKafkaLoad {
  /** Event time of simulated time 0 for load events. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private DirectKafkaLoad() {}

  /** The audience of the load: 2,000 profiles, one visit every 2 simulated seconds. */
  public static ModelConfig loadModel(long seed) {
    return ModelConfig.defaults(seed).withProfiles(2_000).withVisitsPerSimSecond(0.5);
  }

  /**
   * Produces {@code events} simulated events to the fronting topics (created first when missing,
   * replication factor 1) and waits for every acknowledgement.
   *
   * @param producerOverrides producer settings applied over {@link ProducerSettings#defaults} (may
   *     be null)
   * @throws IllegalStateException when a send failed
   */
  public static LoadResult run(
      String bootstrapServers, long events, long seed, Map<String, Object> producerOverrides)
      throws InterruptedException {
    if (events < 0) {
      throw new IllegalArgumentException("events must be >= 0");
    }
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      TopicAdmin.ensureTopics(admin, Topics.fronting(), (short) 1);
    }
    SimulationModel model =
        new SimulationModel(loadModel(seed), TitleCatalog.bundled(), CdnServer.defaultFleet());
    EventFactory factory = new EventFactory(seed, EPOCH);
    Map<String, Object> config =
        ProducerSettings.withOverrides(
            bootstrapServers,
            "playstream-simulator-load",
            producerOverrides == null ? Map.of() : producerOverrides);
    AtomicLong acked = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicReference<Exception> firstError = new AtomicReference<>();
    long start;
    long elapsed;
    try (Producer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
      start = System.nanoTime();
      long sent = 0;
      while (sent < events) {
        SpecificRecord event = factory.toEvent(model.next(Long.MAX_VALUE));
        if (event == null) {
          continue;
        }
        producer.send(
            KafkaEventSink.record(event),
            (metadata, error) -> {
              if (error == null) {
                acked.incrementAndGet();
                bytes.addAndGet(
                    Math.max(0, metadata.serializedKeySize())
                        + Math.max(0, metadata.serializedValueSize()));
              } else {
                failures.incrementAndGet();
                firstError.compareAndSet(null, error);
              }
            });
        sent++;
      }
      producer.flush();
      elapsed = System.nanoTime() - start;
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(
          failures.get() + " of " + events + " sends failed", firstError.get());
    }
    return new LoadResult(acked.get(), bytes.get(), elapsed);
  }
}
