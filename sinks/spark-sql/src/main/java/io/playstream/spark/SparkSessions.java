package io.playstream.spark;

import io.playstream.infra.IcebergCatalogSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Opens a local Spark SQL session on the platform's Iceberg catalog: the catalog is Spark's default
 * catalog and its namespace the current one, so {@code SHOW TABLES} and {@code SELECT ... FROM
 * playback_events} work without qualifying names.
 */
public final class SparkSessions {
  /** The master used unless told otherwise: two local cores. */
  public static final String DEFAULT_MASTER = "local[2]";

  private SparkSessions() {}

  /**
   * The Spark settings of a session on {@code catalog}: the catalog's own ({@link
   * IcebergCatalogSettings#sparkConf()}) plus a quiet, loopback-only local driver.
   */
  public static Map<String, String> conf(IcebergCatalogSettings catalog, Path scratchDir) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.app.name", "playstream-sql");
    c.put("spark.ui.enabled", "false");
    c.put("spark.ui.showConsoleProgress", "false");
    c.put("spark.driver.host", "127.0.0.1");
    c.put("spark.driver.bindAddress", "127.0.0.1");
    // a laptop-sized shuffle: the default 200 partitions make every GROUP BY slow on small tables
    c.put("spark.sql.shuffle.partitions", "4");
    c.put("spark.sql.session.timeZone", "UTC");
    // timestamps and dates come back as java.time values (Instant, LocalDate)
    c.put("spark.sql.datetime.java8API.enabled", "true");
    // keep Spark's own (non-Iceberg) catalog and scratch space out of the working directory
    c.put("spark.sql.warehouse.dir", scratchDir.resolve("spark-warehouse").toUri().toString());
    c.put("spark.local.dir", scratchDir.resolve("tmp").toString());
    c.putAll(catalog.sparkConf());
    // every query sees the writers' latest commit (Iceberg's Spark catalog otherwise caches a
    // table's metadata for 30 s), and maintenance steps that commit outside Spark are seen at once
    c.put("spark.sql.catalog." + catalog.name() + ".cache-enabled", "false");
    return c;
  }

  /** Opens a session ({@code master} such as {@code local[2]}), scratch space in a temp folder. */
  public static SparkSession open(IcebergCatalogSettings catalog, String master) {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("playstream-spark-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Spark's scratch folder", e);
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> deleteTree(scratch), "playstream-spark-scratch-cleanup"));
    SparkSession.Builder b = SparkSession.builder().master(master);
    conf(catalog, scratch).forEach(b::config);
    return b.getOrCreate();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit: a leftover temp folder is harmless
    }
  }
}
