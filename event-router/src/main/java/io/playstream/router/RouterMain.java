package io.playstream.router;

import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code java io.playstream.router.RouterMain [options]}: runs one router instance until SIGTERM
 * (or Ctrl-C), then commits and stops cleanly. Prints {@code READY router http://127.0.0.1:<port>}
 * once the Streams instance is RUNNING and {@code STOPPED router <instance-id>} after a clean stop.
 * Options: {@link RouterOptions} ({@code --help}).
 */
@Command(
    name = "router",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 100,
    version = "playstream router 0.1.0",
    description = {
      "Routes events from the fronting topics to route topics with per-route filters,"
          + " projections and sampling (Kafka Streams, exactly_once_v2). Routes come from the"
          + " compacted topic playstream.routes and change at runtime; poison records go to"
          + " playstream.dlq.",
      "Prints 'READY router http://127.0.0.1:<port>' once the Streams instance is RUNNING;"
          + " serves /health, /metrics (Prometheus) and /v1/routes/status.",
      "Every option can also be set by the environment variable PLAYSTREAM_ROUTER_<NAME>, e.g."
          + " PLAYSTREAM_ROUTER_HTTP_PORT for --http-port; the hash key may also come from "
          + HashKey.ENV
          + "."
    })
public final class RouterMain implements Callable<Integer> {
  @Mixin RouterOptions options;

  private final Map<String, String> env;

  /** A main reading the process environment. */
  public RouterMain() {
    this(System.getenv());
  }

  /** A main with the given environment (for the hash key); tests. */
  RouterMain(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    RouterMain main = new RouterMain();
    CommandLine cmd = RouterOptions.commandLine(main, main.env);
    System.exit(cmd.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try {
      options.validate();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    HashKey key;
    try {
      key = HashKey.load(options.hashKeyFile(), env);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Router router = Router.start(options, key);
    // the stop line goes to stdout: logging may already be shut down by its own hook
    Thread hook =
        new Thread(
            () -> {
              router.close();
              System.out.println("STOPPED router " + options.instanceId());
              System.out.flush();
            },
            "router-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    router.onRunning(
        line -> {
          System.out.println(line);
          System.out.flush();
        });
    router.awaitStopped();
    return router.state() == KafkaStreams.State.ERROR ? 1 : 0;
  }
}
