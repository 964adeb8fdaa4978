package io.playstream.dashboard;

import io.playstream.infra.ConfigOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java io.playstream.dashboard.DashboardMain [options]}: runs the dashboard until SIGTERM
 * (or Ctrl-C). Prints {@code READY dashboard http://<host>:<port>/} once it serves and {@code
 * STOPPED dashboard} after a clean stop. Every option's default comes from {@link DashboardOptions}
 * and may be overridden by the option's environment variable ({@code PLAYSTREAM_DASHBOARD_PORT},
 * {@code PLAYSTREAM_KAFKA_BOOTSTRAP_SERVERS}...), then by the command line.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 100,
    version = "playstream dashboard 0.1.0",
    description = {
      "Live operational dashboard of the Playstream platform: stream starts per second by"
          + " country with alerts, startup latency and rebuffering per CDN server and ISP, play"
          + " failures, CDN load and health, router throughput, lag and dead letters, Flink jobs"
          + " and checkpoints, trending titles; history from Elasticsearch.",
      "Prints 'READY dashboard http://<host>:<port>/' once it serves. Every option can also be"
          + " set by its environment variable (PLAYSTREAM_<KEY>, e.g. PLAYSTREAM_DASHBOARD_PORT)."
    })
public final class DashboardMain implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (0: a free port).")
  String port;

  @Option(names = "--bind-host", paramLabel = "HOST", description = "Address to bind.")
  String bindHost;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(
      names = {"--es-url", "--elasticsearch-url"},
      paramLabel = "URL",
      description = "Elasticsearch for the history page.")
  String elasticsearchUrl;

  @Option(
      names = "--flink-url",
      paramLabel = "URL",
      description = "Flink REST API (job status, checkpoints).")
  String flinkUrl;

  @Option(
      names = "--router-url",
      paramLabel = "URL",
      description = "Event router HTTP address (/v1/routes/status).")
  String routerUrl;

  @Option(
      names = "--router-group",
      paramLabel = "GROUP",
      description = "Consumer group of the router (its input lag).")
  String routerGroup;

  @Option(
      names = "--live-window",
      paramLabel = "DURATION",
      description = "How far back the live charts reach (and the consumer starts).")
  String liveWindow;

  @Option(names = "--max-points", paramLabel = "N", description = "Most points per live series.")
  String maxPoints;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      description = "Period of the Kafka admin, router and Flink polls.")
  String pollInterval;

  @Option(
      names = "--push-interval",
      paramLabel = "DURATION",
      description = "Period of the live updates to open pages.")
  String pushInterval;

  @Option(
      names = "--history-max-points",
      paramLabel = "N",
      description = "Most buckets per history series.")
  String historyMaxPoints;

  @Option(
      names = "--history-max-range",
      paramLabel = "DURATION",
      description = "Longest range of a history query.")
  String historyMaxRange;

  @Option(
      names = "--trending-size",
      paramLabel = "N",
      description = "Titles shown per trending list.")
  String trendingSize;

  @Spec CommandLine.Model.CommandSpec spec;

  /** The option key each command-line option sets. */
  static final Map<String, ConfigOption<?>> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("--port", DashboardOptions.PORT);
    KEYS.put("--bind-host", DashboardOptions.BIND_HOST);
    KEYS.put("--bootstrap-servers", DashboardOptions.BOOTSTRAP_SERVERS);
    KEYS.put("--elasticsearch-url", DashboardOptions.ELASTICSEARCH_URL);
    KEYS.put("--flink-url", DashboardOptions.FLINK_REST_URL);
    KEYS.put("--router-url", DashboardOptions.ROUTER_URL);
    KEYS.put("--router-group", DashboardOptions.ROUTER_GROUP);
    KEYS.put("--live-window", DashboardOptions.LIVE_WINDOW);
    KEYS.put("--max-points", DashboardOptions.MAX_POINTS);
    KEYS.put("--poll-interval", DashboardOptions.POLL_INTERVAL);
    KEYS.put("--push-interval", DashboardOptions.PUSH_INTERVAL);
    KEYS.put("--history-max-points", DashboardOptions.HISTORY_MAX_POINTS);
    KEYS.put("--history-max-range", DashboardOptions.HISTORY_MAX_RANGE);
    KEYS.put("--trending-size", DashboardOptions.TRENDING_SIZE);
  }

  public static void main(String[] args) {
    // our own logging configuration: the CLI's log4j2.xml may be on the same classpath
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-dashboard.xml");
    }
    System.exit(commandLine(new DashboardMain(), System.getenv()).execute(args));
  }

  /** The command line with defaults from the environment, then from {@link DashboardOptions}. */
  static CommandLine commandLine(DashboardMain main, Map<String, String> env) {
    return new CommandLine(main).setDefaultValueProvider(new Defaults(env));
  }

  /** The options these arguments (after defaults and environment) stand for. */
  DashboardOptions options() {
    Map<String, String> values = new LinkedHashMap<>();
    put(values, "--port", port);
    put(values, "--bind-host", bindHost);
    put(values, "--bootstrap-servers", bootstrapServers);
    put(values, "--elasticsearch-url", elasticsearchUrl);
    put(values, "--flink-url", flinkUrl);
    put(values, "--router-url", routerUrl);
    put(values, "--router-group", routerGroup);
    put(values, "--live-window", liveWindow);
    put(values, "--max-points", maxPoints);
    put(values, "--poll-interval", pollInterval);
    put(values, "--push-interval", pushInterval);
    put(values, "--history-max-points", historyMaxPoints);
    put(values, "--history-max-range", historyMaxRange);
    put(values, "--trending-size", trendingSize);
    return DashboardOptions.fromMap(values);
  }

  @Override
  public Integer call() throws Exception {
    DashboardOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Dashboard dashboard = new Dashboard(options).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dashboard.close();
                  // stdout, not the log: logging may already be shut down by its own hook
                  System.out.println("STOPPED dashboard");
                  System.out.flush();
                  stopped.countDown();
                },
                "dashboard-shutdown"));
    System.out.println("READY dashboard " + dashboard.url());
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static void put(Map<String, String> values, String name, String value) {
    if (value != null) {
      values.put(KEYS.get(name).key(), value);
    }
  }

  /** Defaults: the option's environment variable if set, else its declared default. */
  static final class Defaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> env;

    Defaults(Map<String, String> env) {
      this.env = Map.copyOf(env);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
      if (!(arg instanceof OptionSpec o)) {
        return null;
      }
      ConfigOption<?> option = KEYS.get(o.longestName());
      if (option == null) {
        return null;
      }
      String fromEnv = env.get(option.envName());
      return fromEnv != null && !fromEnv.isBlank() ? fromEnv : option.defaultValue();
    }
  }
}
