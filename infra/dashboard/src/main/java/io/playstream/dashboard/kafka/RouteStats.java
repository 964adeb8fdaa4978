package io.playstream.dashboard.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playstream.dashboard.kafka.RoutesView.GroupLag;
import io.playstream.dashboard.kafka.RoutesView.ReasonCount;
import io.playstream.dashboard.kafka.RoutesView.RouteRow;
import io.playstream.dashboard.kafka.RoutesView.RouterCounters;
import io.playstream.dashboard.kafka.RoutesView.RouterInfo;
import io.playstream.dashboard.kafka.RoutesView.TopicRow;
import io.playstream.dashboard.live.LiveStore;
import io.playstream.dashboard.live.Series;
import io.playstream.schemas.TopicSpec;
import io.playstream.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls what the router panel shows: end offsets of every {@code playstream.route.*} topic, the
 * fronting topics and {@code playstream.dlq} (their growth between polls is the throughput), the
 * committed offsets of every consumer group reading them (lag = end offset − committed, over the
 * partitions a group committed), and the router's {@code /v1/routes/status} for its per-route
 * counters. The Kafka figures need nothing but the broker, so they show even when the router's HTTP
 * port is not reachable.
 *
 * <p>{@link #poll()} is called by one scheduler thread; {@link #view()} from any thread.
 */
public final class RouteStats implements AutoCloseable {
  /** Prefix of route topics ({@code Topics.route(name)}). */
  public static final String ROUTE_PREFIX = "playstream.route.";

  private static final Logger LOG = LoggerFactory.getLogger(RouteStats.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 10;

  private final String bootstrapServers;
  private final URI routerStatusUrl;
  private final String routerGroup;
  private final LiveStore store;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Admin admin;
  private Map<String, Long> previousEnds = Map.of();
  private long previousAt;
  private volatile RoutesView view;

  public RouteStats(
      String bootstrapServers, URI routerUrl, String routerGroup, LiveStore store, Clock clock) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.routerStatusUrl =
        Objects.requireNonNull(routerUrl, "routerUrl").resolve("/v1/routes/status");
    this.routerGroup = Objects.requireNonNull(routerGroup, "routerGroup");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.view = RoutesView.empty(routerStatusUrl.toString());
  }

  /** The latest poll's result. */
  public RoutesView view() {
    return view;
  }

  /** Reads offsets, lags and the router status once; never throws. */
  public void poll() {
    long now = clock.millis();
    RouterSnapshot router = routerStatus();
    try {
      KafkaSnapshot kafka = kafkaSnapshot();
      Map<String, Double> rates = rates(previousEnds, previousAt, kafka.ends(), now);
      previousEnds = kafka.ends();
      previousAt = now;
      view = assemble(now, kafka, rates, router, routerGroup);
      long second = now - now % 1000;
      for (RouteRow r : view.routes()) {
        if (r.ratePerSecond() != null) {
          store.point(Series.ROUTE_RATE, r.name(), second, r.ratePerSecond());
        }
      }
      Double dlqRate = rates.get(Topics.DLQ.name());
      if (dlqRate != null) {
        store.point(Series.DLQ_RATE, Series.TOTAL, second, dlqRate);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String message = describe(e);
      LOG.debug("Kafka poll failed: {}", message);
      RoutesView old = view;
      view =
          new RoutesView(
              now,
              false,
              "Kafka at " + bootstrapServers + " is not reachable: " + message,
              old.routes(),
              old.fronting(),
              old.deadLetterTopic(),
              old.routerLag(),
              router.info(),
              old.groups());
    }
  }

  /** End offsets by topic and committed offsets by group, read from the broker. */
  record KafkaSnapshot(
      Map<String, Long> ends,
      Map<TopicPartition, Long> partitionEnds,
      Map<String, Map<TopicPartition, Long>> committed) {}

  /** The router status document, or why there is none. */
  record RouterSnapshot(RouterInfo info, Map<String, RouterCounters> routes) {}

  private KafkaSnapshot kafkaSnapshot() throws Exception {
    Admin a = admin();
    Set<String> names = a.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Set<String> tracked = new TreeSet<>();
    for (String n : names) {
      if (n.startsWith(ROUTE_PREFIX)) {
        tracked.add(n);
      }
    }
    for (TopicSpec t : Topics.fronting()) {
      if (names.contains(t.name())) {
        tracked.add(t.name());
      }
    }
    if (names.contains(Topics.DLQ.name())) {
      tracked.add(Topics.DLQ.name());
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    if (!tracked.isEmpty()) {
      Map<String, TopicDescription> described =
          a.describeTopics(tracked).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      for (TopicDescription d : described.values()) {
        for (TopicPartitionInfo p : d.partitions()) {
          request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
        }
      }
    }
    Map<TopicPartition, Long> partitionEnds = new HashMap<>();
    if (!request.isEmpty()) {
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
          a.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      offsets.forEach((tp, info) -> partitionEnds.put(tp, info.offset()));
    }
    Map<String, Long> ends = new TreeMap<>();
    tracked.forEach(t -> ends.put(t, 0L));
    partitionEnds.forEach((tp, end) -> ends.merge(tp.topic(), end, Long::sum));

    Collection<GroupListing> groups = a.listGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    for (GroupListing g : groups) {
      GroupType type = g.type().orElse(GroupType.CLASSIC);
      if (type == GroupType.CLASSIC || type == GroupType.CONSUMER) {
        specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec());
      }
    }
    Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
    if (!specs.isEmpty()) {
      var result = a.listConsumerGroupOffsets(specs);
      for (String group : specs.keySet()) {
        try {
          Map<TopicPartition, OffsetAndMetadata> offsets =
              result.partitionsToOffsetAndMetadata(group).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          Map<TopicPartition, Long> own = new HashMap<>();
          offsets.forEach(
              (tp, om) -> {
                if (om != null && tracked.contains(tp.topic())) {
                  own.put(tp, om.offset());
                }
              });
          if (!own.isEmpty()) {
            committed.put(group, own);
          }
        } catch (ExecutionException e) {
          LOG.debug("no offsets for group {}: {}", group, describe(e));
        }
      }
    }
    return new KafkaSnapshot(ends, partitionEnds, committed);
  }

  /**
   * Records per second per topic between two polls; null for a topic not seen before or whose end
   * offset went down (deleted and re-created).
   */
  static Map<String, Double> rates(
      Map<String, Long> before, long beforeAt, Map<String, Long> after, long afterAt) {
    Map<String, Double> out = new TreeMap<>();
    double seconds = (afterAt - beforeAt) / 1000.0;
    after.forEach(
        (topic, end) -> {
          Long b = before.get(topic);
          if (b != null && seconds > 0 && end >= b) {
            out.put(topic, (end - b) / seconds);
          }
        });
    return out;
  }

  /** The panel from one poll's figures (a pure function: unit-tested). */
  static RoutesView assemble(
      long now,
      KafkaSnapshot kafka,
      Map<String, Double> rates,
      RouterSnapshot router,
      String routerGroup) {
    // lag per group and topic, over the partitions the group committed
    List<GroupLag> lags = new ArrayList<>();
    kafka
        .committed()
        .forEach(
            (group, offsets) -> {
              Map<String, long[]> byTopic = new TreeMap<>();
              offsets.forEach(
                  (tp, off) -> {
                    Long end = kafka.partitionEnds().get(tp);
                    if (end != null) {
                      long[] acc = byTopic.computeIfAbsent(tp.topic(), t -> new long[2]);
                      acc[0] += Math.max(0, end - off);
                      acc[1]++;
                    }
                  });
              byTopic.forEach(
                  (topic, acc) -> lags.add(new GroupLag(group, topic, acc[0], (int) acc[1])));
            });
    List<RouteRow> routes = new ArrayList<>();
    List<TopicRow> fronting = new ArrayList<>();
    TopicRow dlq = null;
    for (Map.Entry<String, Long> e : kafka.ends().entrySet()) {
      String topic = e.getKey();
      if (topic.startsWith(ROUTE_PREFIX)) {
        String name = topic.substring(ROUTE_PREFIX.length());
        List<GroupLag> consumers = lags.stream().filter(l -> l.topic().equals(topic)).toList();
        routes.add(
            new RouteRow(
                name, topic, e.getValue(), rates.get(topic), consumers, router.routes().get(name)));
      } else if (topic.equals(Topics.DLQ.name())) {
        dlq = new TopicRow(topic, e.getValue(), rates.get(topic));
      } else {
        fronting.add(new TopicRow(topic, e.getValue(), rates.get(topic)));
      }
    }
    // routes the router knows but whose topic does not exist yet
    router
        .routes()
        .forEach(
            (name, counters) -> {
              if (routes.stream().noneMatch(r -> r.name().equals(name))) {
                routes.add(new RouteRow(name, ROUTE_PREFIX + name, 0, null, List.of(), counters));
              }
            });
    routes.sort((a, b) -> a.name().compareTo(b.name()));
    long routerLag = 0;
    int routerPartitions = 0;
    for (GroupLag l : lags) {
      if (l.group().equals(routerGroup)) {
        routerLag += l.lag();
        routerPartitions += l.partitions();
      }
    }
    GroupLag router0 =
        routerPartitions == 0 ? null : new GroupLag(routerGroup, null, routerLag, routerPartitions);
    return new RoutesView(
        now, true, null, routes, fronting, dlq, router0, router.info(), List.copyOf(lags));
  }

  private RouterSnapshot routerStatus() {
    String url = routerStatusUrl.toString();
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(routerStatusUrl).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return unreachable(url, "answered " + r.statusCode());
      }
      return parseRouterStatus(url, JSON.readTree(r.body()));
    } catch (IOException e) {
      return unreachable(url, describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unreachable(url, "interrupted");
    }
  }

  /** Reads the router's {@code /v1/routes/status} document. */
  static RouterSnapshot parseRouterStatus(String url, JsonNode body) {
    Map<String, RouterCounters> routes = new TreeMap<>();
    for (JsonNode r : body.path("routes")) {
      routes.put(
          r.path("name").asText(),
          new RouterCounters(
              r.path("status").asText(null),
              r.path("in").asLong(),
              r.path("out").asLong(),
              r.path("filtered").asLong(),
              r.path("sampled_out").asLong(),
              r.path("dead_lettered").asLong(),
              r.path("lag_p99_ms").isNumber() ? r.path("lag_p99_ms").asDouble() : null,
              r.path("error").isTextual() ? r.path("error").asText() : null));
    }
    List<ReasonCount> reasons = new ArrayList<>();
    body.path("dead_letters")
        .fields()
        .forEachRemaining(e -> reasons.add(new ReasonCount(e.getKey(), e.getValue().asLong())));
    return new RouterSnapshot(
        new RouterInfo(
            true,
            url,
            body.path("instance").asText(null),
            body.path("state").asText(null),
            null,
            reasons),
        routes);
  }

  private static RouterSnapshot unreachable(String url, String why) {
    return new RouterSnapshot(new RouterInfo(false, url, null, null, why, List.of()), Map.of());
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Properties p = new Properties();
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      p.put(AdminClientConfig.CLIENT_ID_CONFIG, "playstream-dashboard-admin");
      p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
      p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
      admin = Admin.create(p);
    }
    return admin;
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    if ((t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof TimeoutException) {
      return "timed out";
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
  }
}
