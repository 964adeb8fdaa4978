package io.playstream.dashboard;

import io.playstream.infra.ConfigOption;
import io.playstream.infra.ConfigType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the dashboard: every option declared once (key, type, default, description), and
 * the immutable, parsed values. Keys shared with the platform ({@code kafka.bootstrap-servers},
 * {@code elasticsearch.url}, {@code flink.rest-url}) mean the same as in {@code PlatformOptions};
 * the rest start with {@code dashboard.}. The README's options table is {@link #markdownTable()} (a
 * test keeps them equal).
 *
 * @param port HTTP port (0 = a free port, for tests)
 * @param bindHost address the HTTP server binds
 * @param bootstrapServers Kafka bootstrap servers
 * @param elasticsearchUrl Elasticsearch HTTP address (history)
 * @param flinkRestUrl Flink REST address (job status, checkpoints)
 * @param routerUrl event router HTTP address (per-route counters from {@code /v1/routes/status})
 * @param routerGroup consumer group of the router (its lag on the fronting topics)
 * @param liveWindow how far back the live charts reach; also where the metric consumer starts
 * @param maxPoints most points kept per live series
 * @param pollInterval period of the Kafka admin, router and Flink polls
 * @param pushInterval period of the server-sent event batches
 * @param historyMaxPoints most buckets of one history series
 * @param historyMaxRange longest time range of a history query
 * @param trendingSize titles shown per trending list
 */
public record DashboardOptions(
    int port,
    String bindHost,
    String bootstrapServers,
    URI elasticsearchUrl,
    URI flinkRestUrl,
    URI routerUrl,
    String routerGroup,
    Duration liveWindow,
    int maxPoints,
    Duration pollInterval,
    Duration pushInterval,
    int historyMaxPoints,
    Duration historyMaxRange,
    int trendingSize) {

  public static final ConfigOption<Integer> PORT =
      ConfigOption.of(
          "dashboard.port", ConfigType.INT, "8080", "HTTP port of the dashboard (0: a free port).");
  public static final ConfigOption<String> BIND_HOST =
      ConfigOption.of(
          "dashboard.bind-host", ConfigType.STRING, "127.0.0.1", "Address the dashboard binds.");
  public static final ConfigOption<String> BOOTSTRAP_SERVERS =
      ConfigOption.of(
          "kafka.bootstrap-servers",
          ConfigType.STRING,
          "127.0.0.1:9092",
          "Kafka bootstrap servers (metric topics, route topics, dead letters, consumer lag).");
  public static final ConfigOption<URI> ELASTICSEARCH_URL =
      ConfigOption.of(
          "elasticsearch.url",
          ConfigType.URL,
          "http://127.0.0.1:9200",
          "Elasticsearch the history page queries (indices playstream-metrics-*, playstream-alerts-*).");
  public static final ConfigOption<URI> FLINK_REST_URL =
      ConfigOption.of(
          "flink.rest-url",
          ConfigType.URL,
          "http://127.0.0.1:8081",
          "Flink REST API: job status and checkpoint age.");
  public static final ConfigOption<URI> ROUTER_URL =
      ConfigOption.of(
          "dashboard.router-url",
          ConfigType.URL,
          "http://127.0.0.1:8093",
          "Event router HTTP address; its /v1/routes/status adds per-route in/out/filtered/"
              + "dead-lettered counters.");
  public static final ConfigOption<String> ROUTER_GROUP =
      ConfigOption.of(
          "dashboard.router-group",
          ConfigType.STRING,
          "playstream-router",
          "Consumer group (Kafka Streams application id) of the router, for its input lag.");
  public static final ConfigOption<Duration> LIVE_WINDOW =
      ConfigOption.of(
          "dashboard.live-window",
          ConfigType.DURATION,
          "15m",
          "How far back the live charts reach; the metric consumer starts this far back, so a"
              + " fresh page and a restarted dashboard show the last minutes at once.");
  public static final ConfigOption<Integer> MAX_POINTS =
      ConfigOption.of(
          "dashboard.max-points",
          ConfigType.INT,
          "1000",
          "Most points kept per live series (oldest dropped first).");
  public static final ConfigOption<Duration> POLL_INTERVAL =
      ConfigOption.of(
          "dashboard.poll-interval",
          ConfigType.DURATION,
          "2s",
          "Period of the Kafka admin (offsets, lag), router and Flink polls.");
  public static final ConfigOption<Duration> PUSH_INTERVAL =
      ConfigOption.of(
          "dashboard.push-interval",
          ConfigType.DURATION,
          "1s",
          "Period of the server-sent event batches to open pages.");
  public static final ConfigOption<Integer> HISTORY_MAX_POINTS =
      ConfigOption.of(
          "dashboard.history-max-points",
          ConfigType.INT,
          "300",
          "Most buckets per history series; the bucket width is the smallest of 10s, 30s, 1m,"
              + " 5m, 10m, 30m, 1h, 3h, 6h, 12h, 1d that fits.");
  public static final ConfigOption<Duration> HISTORY_MAX_RANGE =
      ConfigOption.of(
          "dashboard.history-max-range",
          ConfigType.DURATION,
          "31d",
          "Longest time range a history query may ask for.");
  public static final ConfigOption<Integer> TRENDING_SIZE =
      ConfigOption.of(
          "dashboard.trending-size", ConfigType.INT, "10", "Titles shown per trending list.");

  /** Every option, in the order of the README table. */
  public static final List<ConfigOption<?>> ALL =
      List.of(
          PORT,
          BIND_HOST,
          BOOTSTRAP_SERVERS,
          ELASTICSEARCH_URL,
          FLINK_REST_URL,
          ROUTER_URL,
          ROUTER_GROUP,
          LIVE_WINDOW,
          MAX_POINTS,
          POLL_INTERVAL,
          PUSH_INTERVAL,
          HISTORY_MAX_POINTS,
          HISTORY_MAX_RANGE,
          TRENDING_SIZE);

  public DashboardOptions {
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(elasticsearchUrl, "elasticsearchUrl");
    Objects.requireNonNull(flinkRestUrl, "flinkRestUrl");
    Objects.requireNonNull(routerUrl, "routerUrl");
    Objects.requireNonNull(routerGroup, "routerGroup");
    require(port >= 0 && port <= 65_535, PORT, "must be 0-65535");
    require(!bootstrapServers.isBlank(), BOOTSTRAP_SERVERS, "must not be empty");
    require(positive(liveWindow), LIVE_WINDOW, "must be positive");
    require(maxPoints >= 10, MAX_POINTS, "must be at least 10");
    require(positive(pollInterval), POLL_INTERVAL, "must be positive");
    require(positive(pushInterval), PUSH_INTERVAL, "must be positive");
    require(historyMaxPoints >= 10, HISTORY_MAX_POINTS, "must be at least 10");
    require(positive(historyMaxRange), HISTORY_MAX_RANGE, "must be positive");
    require(trendingSize >= 1, TRENDING_SIZE, "must be at least 1");
  }

  /** The defaults. */
  public static DashboardOptions defaults() {
    return fromMap(Map.of());
  }

  /**
   * Options from text values by key (missing keys take their defaults).
   *
   * @throws IllegalArgumentException naming the key and value that do not parse or are out of
   *     range, or a key that is not an option
   */
  public static DashboardOptions fromMap(Map<String, String> values) {
    Map<String, String> known = new HashMap<>();
    ALL.forEach(o -> known.put(o.key(), o.defaultValue()));
    values.forEach(
        (k, v) -> {
          if (!known.containsKey(k)) {
            throw new IllegalArgumentException("unknown dashboard option '" + k + "'");
          }
          known.put(k, v);
        });
    return new DashboardOptions(
        parse(PORT, known),
        parse(BIND_HOST, known),
        parse(BOOTSTRAP_SERVERS, known),
        parse(ELASTICSEARCH_URL, known),
        parse(FLINK_REST_URL, known),
        parse(ROUTER_URL, known),
        parse(ROUTER_GROUP, known),
        parse(LIVE_WINDOW, known),
        parse(MAX_POINTS, known),
        parse(POLL_INTERVAL, known),
        parse(PUSH_INTERVAL, known),
        parse(HISTORY_MAX_POINTS, known),
        parse(HISTORY_MAX_RANGE, known),
        parse(TRENDING_SIZE, known));
  }

  /** A copy on another port. */
  public DashboardOptions withPort(int newPort) {
    return new DashboardOptions(
        newPort,
        bindHost,
        bootstrapServers,
        elasticsearchUrl,
        flinkRestUrl,
        routerUrl,
        routerGroup,
        liveWindow,
        maxPoints,
        pollInterval,
        pushInterval,
        historyMaxPoints,
        historyMaxRange,
        trendingSize);
  }

  /** The options table of the README. */
  public static String markdownTable() {
    return ConfigOption.markdownTable(ALL);
  }

  private static <T> T parse(ConfigOption<T> option, Map<String, String> values) {
    String raw = values.get(option.key());
    try {
      return option.type().parse(raw, Path.of("."));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option.key() + ": '" + raw + "' is " + e.getMessage(), e);
    }
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, ConfigOption<?> option, String what) {
    if (!ok) {
      throw new IllegalArgumentException(option.key() + " " + what);
    }
  }
}
