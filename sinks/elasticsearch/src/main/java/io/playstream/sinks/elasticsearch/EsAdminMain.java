package io.playstream.sinks.elasticsearch;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Elasticsearch housekeeping the CLI and the platform run: {@code templates} (apply the index
 * templates) and {@code retention} (delete daily indices past retention, once or every period).
 */
@Command(
    name = "es-admin",
    mixinStandardHelpOptions = true,
    subcommands = {EsAdminMain.Templates.class, EsAdminMain.Retention.class},
    description = "Index templates and retention of Playstream's Elasticsearch indices.")
public final class EsAdminMain {
  private EsAdminMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new EsAdminMain()).execute(args));
  }

  /** Applies the index templates. */
  @Command(name = "templates", description = "PUT the platform's composable index templates.")
  static final class Templates implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:9200", description = "Elasticsearch")
    URI url;

    @Override
    public Integer call() {
      try (EsClient client = EsClient.open(url)) {
        List<String> names = IndexTemplates.apply(client.rest());
        System.out.println("applied index templates " + names + " on " + url);
      }
      return 0;
    }
  }

  /** Deletes daily indices past retention. */
  @Command(name = "retention", description = "Delete daily indices older than the retention.")
  static final class Retention implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:9200", description = "Elasticsearch")
    URI url;

    @Option(
        names = "--retention",
        defaultValue = "7d",
        converter = DurationConverter.class,
        description = "How long a day's index is kept after the day (default ${DEFAULT-VALUE}).")
    Duration retention;

    @Option(
        names = "--every",
        converter = DurationConverter.class,
        description = "Repeat with this period until stopped (default: run once).")
    Duration every;

    @Override
    public Integer call() throws InterruptedException {
      try (EsClient client = EsClient.open(url)) {
        IndexRetention task = IndexRetention.of(client.sync(), retention);
        if (every == null) {
          System.out.println("deleted " + task.runOnce());
          return 0;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        task.schedule(timer, every);
        // runs until the process is stopped
        new CountDownLatch(1).await();
        return 0;
      }
    }
  }

  /** {@code 500ms}, {@code 5s}, {@code 7d} or ISO-8601. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return ElasticsearchSinkOptions.duration(value);
    }
  }
}
