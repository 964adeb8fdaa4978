package io.playstream.dashboard.kafka;

import io.playstream.dashboard.live.LiveStore;
import io.playstream.schemas.EventCodec;
import io.playstream.schemas.EventDecodingException;
import io.playstream.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topics the dashboard shows into the {@link LiveStore}, on its own thread: the metric,
 * alert, session and recommendation topics from {@code live-window} ago (so the live charts start
 * full), and {@code playstream.dlq} and the catalog from the beginning (dead letters are counted by
 * reason over the topic's whole retention; the catalog gives the titles' names).
 *
 * <p>No consumer group: partitions are assigned directly, nothing is committed, and every dashboard
 * instance reads on its own. {@code read_committed}, since the jobs write their outputs with
 * transactions. Topics that do not exist yet are picked up when they appear (checked every {@link
 * #DISCOVERY_INTERVAL}); a broker outage is retried forever, with the error kept for the status.
 */
public final class MetricConsumer implements AutoCloseable {
  /** How often new topics and partitions are looked for. */
  public static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(MetricConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(2);
  // the recommendation job keys each country's trending list 'trending:<country>'
  private static final byte[] TRENDING_KEY =
      "trending:".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** Where reading a topic starts. */
  public enum Start {
    /** {@code live-window} before the dashboard started. */
    LIVE_WINDOW,
    /** The beginning of the topic. */
    BEGINNING
  }

  private final String bootstrapServers;
  private final Map<String, Start> topics;
  private final Duration liveWindow;
  private final LiveStore store;
  private final Clock clock;
  private final EventCodec codec = EventCodec.standard();
  private final Thread thread;
  private volatile boolean running = true;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile String error;
  private volatile int assignedPartitions;
  private volatile long lastPollMillis;
  // next offset per partition, kept across consumer restarts so nothing is counted twice
  private final Map<TopicPartition, Long> positions = new HashMap<>();

  /**
   * @param topics topic names and where to start reading each (see {@link #defaultTopics()})
   */
  public MetricConsumer(
      String bootstrapServers,
      Map<String, Start> topics,
      Duration liveWindow,
      LiveStore store,
      Clock clock) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.topics = Map.copyOf(topics);
    this.liveWindow = Objects.requireNonNull(liveWindow, "liveWindow");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.thread = new Thread(this::run, "dashboard-metric-consumer");
    this.thread.setDaemon(true);
  }

  /**
   * The topics the dashboard reads: SPS, playback quality, CDN and steering metrics, alerts,
   * sessions and recommendations from the live window; dead letters and the catalog from the start.
   */
  public static Map<String, Start> defaultTopics() {
    Map<String, Start> t = new LinkedHashMap<>();
    t.put(Topics.METRICS_SPS.name(), Start.LIVE_WINDOW);
    t.put(Topics.METRICS_PLAYBACK_QUALITY.name(), Start.LIVE_WINDOW);
    t.put(Topics.METRICS_CDN.name(), Start.LIVE_WINDOW);
    t.put(Topics.ALERTS.name(), Start.LIVE_WINDOW);
    t.put(Topics.SESSIONS.name(), Start.LIVE_WINDOW);
    t.put(Topics.RECS.name(), Start.LIVE_WINDOW);
    t.put(Topics.DLQ.name(), Start.BEGINNING);
    t.put(Topics.FRONTING_CATALOG.name(), Start.BEGINNING);
    return t;
  }

  /** Starts the consumer thread. */
  public MetricConsumer start() {
    thread.start();
    return this;
  }

  /** The last error talking to Kafka, or null while all is well. */
  public String error() {
    return error;
  }

  /** Partitions being read. */
  public int assignedPartitions() {
    return assignedPartitions;
  }

  /** When the last poll returned (epoch ms), 0 before the first. */
  public long lastPollMillis() {
    return lastPollMillis;
  }

  private void run() {
    long startMillis = clock.millis() - liveWindow.toMillis();
    while (running) {
      try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties())) {
        consumer = c;
        if (!running) {
          return;
        }
        consume(c, startMillis);
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("metric consumer failed, retrying in {} s: {}", RETRY.toSeconds(), error);
        sleepQuietly(RETRY);
      } finally {
        consumer = null;
      }
    }
  }

  private void consume(KafkaConsumer<byte[], byte[]> c, long startMillis) {
    Set<TopicPartition> assigned = new HashSet<>();
    long nextDiscovery = 0;
    while (running) {
      if (clock.millis() >= nextDiscovery) {
        discover(c, assigned, startMillis);
        nextDiscovery = clock.millis() + DISCOVERY_INTERVAL.toMillis();
      }
      if (assigned.isEmpty()) {
        sleepQuietly(POLL);
        continue;
      }
      ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
      lastPollMillis = clock.millis();
      error = null;
      for (ConsumerRecord<byte[], byte[]> r : records) {
        handle(r);
      }
    }
  }

  /** Assigns partitions that appeared since the last look and seeks them to their start. */
  private void discover(
      KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> assigned, long startMillis) {
    Map<String, List<PartitionInfo>> all = c.listTopics(Duration.ofSeconds(10));
    List<TopicPartition> fresh = new ArrayList<>();
    for (String topic : topics.keySet()) {
      for (PartitionInfo p : all.getOrDefault(topic, List.of())) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        if (!assigned.contains(tp)) {
          fresh.add(tp);
        }
      }
    }
    error = null;
    if (fresh.isEmpty()) {
      return;
    }
    assigned.addAll(fresh);
    c.assign(assigned);
    List<TopicPartition> fromStart = new ArrayList<>();
    Map<TopicPartition, Long> byTime = new HashMap<>();
    for (TopicPartition tp : fresh) {
      Long position = positions.get(tp);
      if (position != null) {
        c.seek(tp, position); // read before a restart of the consumer: go on from there
      } else if (topics.get(tp.topic()) == Start.BEGINNING) {
        fromStart.add(tp);
      } else {
        byTime.put(tp, startMillis);
      }
    }
    c.seekToBeginning(fromStart);
    if (!byTime.isEmpty()) {
      Map<TopicPartition, OffsetAndTimestamp> offsets =
          c.offsetsForTimes(byTime, Duration.ofSeconds(10));
      List<TopicPartition> toEnd = new ArrayList<>();
      for (TopicPartition tp : byTime.keySet()) {
        OffsetAndTimestamp o = offsets.get(tp);
        if (o == null) {
          toEnd.add(tp); // nothing written since the window began
        } else {
          c.seek(tp, o.offset());
        }
      }
      c.seekToEnd(toEnd);
    }
    assignedPartitions = assigned.size();
    LOG.info("reading {} new partitions ({} partitions in all)", fresh.size(), assigned.size());
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
    store.recordRead(r.topic(), r.timestamp());
    if (r.topic().equals(Topics.DLQ.name())) {
      store.deadLetter(r.headers(), r.timestamp());
      return;
    }
    if (r.value() == null) {
      return; // a tombstone of the compacted catalog
    }
    if (r.topic().equals(Topics.RECS.name()) && !hasKeyPrefix(r.key(), TRENDING_KEY)) {
      return; // a profile's own list: only the trending rows are shown, skip decoding the rest
    }
    SpecificRecord event;
    try {
      event = codec.decode(r.value());
    } catch (EventDecodingException e) {
      store.undecodable(r.topic());
      LOG.debug(
          "skipping undecodable record {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return;
    }
    store.accept(event);
  }

  private static boolean hasKeyPrefix(byte[] key, byte[] prefix) {
    if (key == null || key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "playstream-dashboard");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        org.apache.kafka.common.IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    return p;
  }

  /** Waits {@code d} or until {@link #close()}, whichever comes first. */
  private void sleepQuietly(Duration d) {
    try {
      stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    stopped.countDown();
    // wakeup, not interrupt: an interrupted Kafka client throws from close() as well
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
