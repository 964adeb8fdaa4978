package io.playstream.recs.batch;

import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.spark.CatalogOptions;
import io.playstream.spark.SparkSessions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains a new batch model version: implicit ALS on the last {@code --since} of plays in the
 * Iceberg history, item factors appended to {@code --factors-table} and exported to {@code
 * --models-dir} (picked up by the running real-time job). Prints one summary line.
 */
@Command(
    name = "recs-train",
    mixinStandardHelpOptions = true,
    description = "Train the batch recommendation model (Spark MLlib ALS, implicit preferences).")
public final class BatchTrainerMain implements Callable<Integer> {
  private static final DateTimeFormatter VERSION =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Mixin CatalogOptions catalog = new CatalogOptions();

  @Option(
      names = "--source-table",
      defaultValue = "playback_events",
      description = "History table in the catalog's namespace.")
  String sourceTable;

  @Option(
      names = "--event-type",
      defaultValue = "PlaybackStarted",
      description = "Event type counted as an interaction.")
  String eventType;

  @Option(
      names = "--since-days",
      defaultValue = "90",
      description = "Train on the last N days of history.")
  int sinceDays;

  @Option(
      names = "--factors-table",
      defaultValue = "recs_item_factors",
      description = "Versioned factors table in the catalog's namespace.")
  String factorsTable;

  @Option(
      names = "--models-dir",
      description = "Folder the real-time job watches (recs-job --models-dir); unset: no export.")
  Path modelsDir;

  @Option(names = "--rank", defaultValue = "64", description = "Latent factors.")
  int rank;

  @Option(names = "--iterations", defaultValue = "10", description = "ALS iterations.")
  int iterations;

  @Option(names = "--regularization", defaultValue = "0.3", description = "Spark regParam.")
  double regularization;

  @Option(names = "--alpha", defaultValue = "2", description = "Confidence scaling.")
  double alpha;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master.")
  String master;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BatchTrainerMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    IcebergCatalogSettings settings = catalog.settings();
    AlsTrainer.Params p = new AlsTrainer.Params(rank, iterations, regularization, alpha, seed);
    Instant now = Instant.now();
    String version = VERSION.format(now);
    try (SparkSession spark = SparkSessions.open(settings, master)) {
      AlsTrainer.Model m =
          AlsTrainer.train(
              AlsTrainer.interactions(
                  spark,
                  settings.qualify(sourceTable),
                  eventType,
                  now.minus(Duration.ofDays(sinceDays))),
              p,
              version);
      long rows = AlsTrainer.writeFactors(spark, settings.qualify(factorsTable), m, p, now);
      String file = modelsDir == null ? "-" : AlsTrainer.exportModel(modelsDir, m, p).toString();
      System.out.println(
          "trained model_version="
              + version
              + " interactions="
              + m.interactions()
              + " profiles="
              + m.profiles()
              + " titles="
              + rows
              + " table="
              + settings.qualify(factorsTable)
              + " file="
              + file);
    }
    return 0;
  }
}
