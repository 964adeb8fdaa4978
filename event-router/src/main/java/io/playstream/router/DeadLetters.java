package io.playstream.router;

import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventType;
import io.playstream.schemas.Events;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Reads and replays the dead-letter topic — the API behind {@code playstream dlq inspect} and
 * {@code playstream dlq replay}. Both read {@code playstream.dlq} ({@code read_committed}) from
 * given offsets (default: the beginning) to its current end, keep the letters that match a {@link
 * Query}, and say where to resume ({@code nextOffsets}), so a later call can start after what an
 * earlier one handled. Not thread-safe; close it.
 */
public final class DeadLetters implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Set<String> FRONTING =
      Topics.fronting().stream().map(TopicSpec::name).collect(Collectors.toUnmodifiableSet());

  /**
   * One dead letter.
   *
   * @param partition partition in the dead-letter topic
   * @param offset offset in the dead-letter topic
   * @param key original key bytes (may be null)
   * @param value original value bytes (may be null)
   * @param headers every header as text, in order (the last value of a repeated key wins)
   * @param reason {@code ps.dlq.reason}
   * @param detail {@code ps.dlq.detail}
   * @param sourceTopic {@code ps.dlq.source.topic}
   * @param sourcePartition {@code ps.dlq.source.partition}, -1 if absent
   * @param sourceOffset {@code ps.dlq.source.offset}, -1 if absent
   * @param route {@code ps.dlq.route}, null for record-level reasons
   * @param time {@code ps.dlq.time}, or the record timestamp
   * @param replayCount {@code ps.replay.count}, 0 when never replayed
   */
  public record DeadLetter(
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      Map<String, String> headers,
      String reason,
      String detail,
      String sourceTopic,
      int sourcePartition,
      long sourceOffset,
      String route,
      Instant time,
      int replayCount) {

    /** The key as UTF-8 text (keys are strings on every Playstream topic), or null. */
    public String keyText() {
      return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** {@code <EventType> <event id>} when the value decodes, else a note on why not. */
    public String eventSummary() {
      try {
        SpecificRecord e = EventCodec.standard().decode(value);
        return EventType.of(e).simpleName() + " " + Events.eventId(e);
      } catch (RuntimeException ex) {
        return "(" + (value == null ? 0 : value.length) + " bytes, not decodable)";
      }
    }

    /** One line for a terminal. */
    public String describe() {
      return String.format(
          "%d:%d %s %s %s%s key=%s from %s-%d@%d%s: %s",
          partition,
          offset,
          time,
          reason,
          route == null ? "" : "route=" + route + " ",
          eventSummary(),
          keyText(),
          sourceTopic,
          sourcePartition,
          sourceOffset,
          replayCount > 0 ? " (replayed " + replayCount + "x)" : "",
          detail);
    }
  }

  /**
   * Which dead letters to take.
   *
   * @param reason only this reason, or null for all
   * @param route only this route, or null for all
   * @param fromOffsets start offset per dead-letter partition; partitions not named start at the
   *     beginning
   * @param limit at most this many matching letters (0 = no limit)
   */
  public record Query(String reason, String route, Map<Integer, Long> fromOffsets, int limit) {
    public Query {
      fromOffsets = fromOffsets == null ? Map.of() : Map.copyOf(fromOffsets);
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be >= 0");
      }
    }

    /** Every dead letter from the beginning. */
    public static Query all() {
      return new Query(null, null, Map.of(), 0);
    }

    public Query withReason(String r) {
      return new Query(r, route, fromOffsets, limit);
    }

    public Query withRoute(String r) {
      return new Query(reason, r, fromOffsets, limit);
    }

    public Query from(Map<Integer, Long> offsets) {
      return new Query(reason, route, offsets, limit);
    }

    public Query withLimit(int n) {
      return new Query(reason, route, fromOffsets, n);
    }

    boolean matches(DeadLetter d) {
      return (reason == null || reason.equals(d.reason()))
          && (route == null || route.equals(d.route()));
    }
  }

  /**
   * Dead letters found.
   *
   * @param letters matching letters, by partition then offset
   * @param scanned letters read (matching or not)
   * @param nextOffsets where to resume per partition (pass to {@link Query#from})
   */
  public record Page(List<DeadLetter> letters, long scanned, Map<Integer, Long> nextOffsets) {}

  /**
   * What a replay did.
   *
   * @param replayed letters written back to their source topic
   * @param skipped matching letters not replayed (replayed too often already, or their source is
   *     not a fronting topic)
   * @param replayedBySource replayed letters per source topic
   * @param nextOffsets where a later replay should start
   */
  public record ReplayResult(
      int replayed,
      int skipped,
      Map<String, Integer> replayedBySource,
      Map<Integer, Long> nextOffsets) {}

  private final Map<String, Object> clientConfig;

  public DeadLetters(String bootstrapServers) {
    this(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /**
   * @param clientConfig common client settings (at least bootstrap.servers)
   */
  public DeadLetters(Map<String, Object> clientConfig) {
    this.clientConfig = Map.copyOf(clientConfig);
  }

  /** Reads matching dead letters with their headers ({@code dlq inspect}). */
  public Page inspect(Query query) {
    List<DeadLetter> out = new ArrayList<>();
    Map<Integer, Long> next = new TreeMap<>();
    long[] scanned = {0};
    scan(
        query,
        d -> {
          scanned[0]++;
          if (query.matches(d)) {
            out.add(d);
          }
          return query.limit() == 0 || out.size() < query.limit();
        },
        next);
    return new Page(List.copyOf(out), scanned[0], Map.copyOf(next));
  }

  /**
   * Re-produces matching dead letters to their source topics ({@code dlq replay}): the original key
   * and value bytes, the original headers without {@code ps.dlq.*}, {@code ps.replay.count} one
   * higher and, for a route-specific letter, {@code ps.replay.route} so the router applies only
   * that route (the others already had the event). Letters already replayed {@code maxReplays}
   * times are skipped, so a letter that keeps failing does not loop.
   *
   * @param dryRun count what would be replayed, write nothing
   */
  public ReplayResult replay(Query query, int maxReplays, boolean dryRun) {
    Page page = inspect(query);
    int replayed = 0;
    int skipped = 0;
    Map<String, Integer> bySource = new TreeMap<>();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (DeadLetter d : page.letters()) {
      if (d.replayCount() >= maxReplays || !FRONTING.contains(d.sourceTopic())) {
        skipped++;
        continue;
      }
      records.add(replayRecord(d));
      bySource.merge(d.sourceTopic(), 1, Integer::sum);
      replayed++;
    }
    if (!dryRun && !records.isEmpty()) {
      Map<String, Object> config = new HashMap<>(clientConfig);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.CLIENT_ID_CONFIG, "playstream-dlq-replay");
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : records) {
          sent.add(producer.send(r));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> f : sent) {
          try {
            f.get();
          } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("replay failed: " + e.getCause(), e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during replay", e);
          }
        }
      }
    }
    return new ReplayResult(replayed, skipped, Map.copyOf(bySource), page.nextOffsets());
  }

  /** The record a replay writes for a dead letter. */
  static ProducerRecord<byte[], byte[]> replayRecord(DeadLetter d) {
    RecordHeaders headers = new RecordHeaders();
    for (Map.Entry<String, String> h : d.headers().entrySet()) {
      String k = h.getKey();
      if (!k.startsWith(DeadLetterHeaders.PREFIX)
          && !k.equals(DeadLetterHeaders.REPLAY_COUNT)
          && !k.equals(DeadLetterHeaders.REPLAY_ROUTE)) {
        headers.add(k, h.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    headers.add(
        DeadLetterHeaders.REPLAY_COUNT,
        Integer.toString(d.replayCount() + 1).getBytes(StandardCharsets.UTF_8));
    if (d.route() != null) {
      headers.add(DeadLetterHeaders.REPLAY_ROUTE, d.route().getBytes(StandardCharsets.UTF_8));
    }
    return new ProducerRecord<>(d.sourceTopic(), null, d.key(), d.value(), headers);
  }

  /** A dead letter from a consumer record of the dead-letter topic. */
  static DeadLetter fromRecord(ConsumerRecord<byte[], byte[]> rec) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : rec.headers()) {
      headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    }
    String time = headers.get(DeadLetterHeaders.TIME);
    Instant at;
    try {
      at = time == null ? Instant.ofEpochMilli(rec.timestamp()) : Instant.parse(time);
    } catch (RuntimeException e) {
      at = Instant.ofEpochMilli(rec.timestamp());
    }
    return new DeadLetter(
        rec.partition(),
        rec.offset(),
        rec.key(),
        rec.value(),
        java.util.Collections.unmodifiableMap(headers),
        headers.getOrDefault(DeadLetterHeaders.REASON, "unknown"),
        headers.getOrDefault(DeadLetterHeaders.DETAIL, ""),
        headers.get(DeadLetterHeaders.SOURCE_TOPIC),
        (int) number(headers.get(DeadLetterHeaders.SOURCE_PARTITION)),
        number(headers.get(DeadLetterHeaders.SOURCE_OFFSET)),
        headers.get(DeadLetterHeaders.ROUTE),
        at,
        (int) Math.max(0, number(headers.get(DeadLetterHeaders.REPLAY_COUNT))));
  }

  private static long number(String s) {
    if (s == null) {
      return -1;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private interface Visitor {
    /** Returns false to stop. */
    boolean visit(DeadLetter d);
  }

  private void scan(Query query, Visitor visitor, Map<Integer, Long> next) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "playstream-dlq-reader");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(Topics.DLQ.name(), TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        return;
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
      for (TopicPartition tp : partitions) {
        long from = Math.max(query.fromOffsets().getOrDefault(tp.partition(), 0L), begin.get(tp));
        consumer.seek(tp, from);
        next.put(tp.partition(), from);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out reading " + Topics.DLQ.name());
        }
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
          if (rec.offset() >= end.get(new TopicPartition(rec.topic(), rec.partition()))) {
            continue;
          }
          next.put(rec.partition(), rec.offset() + 1);
          if (!visitor.visit(fromRecord(rec))) {
            return;
          }
        }
      }
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Nothing to release: clients are opened and closed per call. */
  @Override
  public void close() {}
}
