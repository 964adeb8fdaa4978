package io.playstream.services.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.events.TitleUpserted;
import io.playstream.infra.testing.LocalKafkaExtension;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import io.playstream.services.catalog.CatalogConfig;
import io.playstream.services.catalog.CatalogService;
import io.playstream.services.common.KafkaEventEmitter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kafka emitter and the catalog outbox against a real broker. */
class KafkaEmitterIT {
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  private static final int MOVIELENS_TITLES = 9742;
  private static KafkaCluster kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = KafkaCluster.on(KAFKA);
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
  }

  @Test
  void everyEventTypeArrivesOnItsTopicKeyedAndTyped() throws Exception {
    List<SpecificRecord> sent = new ArrayList<>();
    try (KafkaEventEmitter emitter =
        KafkaEventEmitter.create(kafka.bootstrapServers(), "emitter-it")) {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (EventType type : EventType.frontingTypes()) {
        SpecificRecord event = SampleEvents.of(type);
        sent.add(event);
        acks.add(emitter.emit(event).toCompletableFuture());
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      assertThat(emitter.emitted().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(EventType.frontingTypes().size());
      assertThat(emitter.failed()).isEmpty();
    }

    for (SpecificRecord event : sent) {
      EventType type = EventType.of(event);
      TopicSpec topic = type.topic();
      String id = Events.eventId(event);
      List<ConsumerRecord<String, SpecificRecord>> records =
          kafka.readUntil(
              topic,
              read -> read.stream().anyMatch(r -> Events.eventId(r.value()).equals(id)),
              Duration.ofSeconds(30));
      ConsumerRecord<String, SpecificRecord> r =
          records.stream()
              .filter(x -> Events.eventId(x.value()).equals(id))
              .findFirst()
              .orElseThrow();
      assertThat(r.key()).isEqualTo(Events.key(event));
      assertThat(r.value()).isEqualTo(event);
      assertThat(
              new String(
                  r.headers().lastHeader(KafkaEventEmitter.TYPE_HEADER).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo(type.simpleName());
    }
  }

  @Test
  void catalogSeedReachesKafkaOncePerTitle() throws Exception {
    String instance = "catalog-it-" + UUID.randomUUID();
    CatalogConfig config =
        new CatalogConfig(
            0,
            instance,
            "catalog-it-secret-with-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8),
            "jdbc:h2:mem:" + instance + ";DB_CLOSE_DELAY=-1",
            "sa",
            "",
            true,
            500,
            Duration.ofMillis(100),
            Duration.ofMillis(500));
    try (KafkaEventEmitter emitter = KafkaEventEmitter.create(kafka.bootstrapServers(), instance);
        CatalogService catalog = CatalogService.start(config, emitter, Clock.systemUTC())) {
      List<ConsumerRecord<String, SpecificRecord>> read =
          kafka.readUntil(
              Topics.FRONTING_CATALOG,
              rs -> ours(rs, instance).size() >= MOVIELENS_TITLES,
              Duration.ofSeconds(90));
      List<TitleUpserted> seeded = ours(read, instance);

      assertThat(seeded).hasSize(MOVIELENS_TITLES);
      assertThat(seeded.stream().map(t -> t.getHeader().getEventId()).distinct())
          .hasSize(MOVIELENS_TITLES);
      assertThat(seeded.stream().map(TitleUpserted::getTitleId).collect(Collectors.toSet()))
          .hasSize(MOVIELENS_TITLES);
      assertThat(catalog.store().outboxSize()).isZero();
    }
  }

  private static List<TitleUpserted> ours(
      List<ConsumerRecord<String, SpecificRecord>> records, String instance) {
    List<TitleUpserted> out = new ArrayList<>();
    for (ConsumerRecord<String, SpecificRecord> r : records) {
      if (r.value() instanceof TitleUpserted t && t.getHeader().getInstance().equals(instance)) {
        out.add(t);
      }
    }
    return out;
  }
}
