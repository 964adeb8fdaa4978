package io.playstream.spark;

import io.playstream.infra.IcebergCatalogSettings;
import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an Iceberg table fast and small while a streaming writer keeps appending to it: compacts
 * small files and rewrites manifests through Iceberg's Spark procedures ({@code CALL
 * <catalog>.system.rewrite_data_files / rewrite_manifests}), expires old snapshots through the core
 * API, and removes orphan files through the Spark action the {@code remove_orphan_files} procedure
 * wraps. See {@link MaintenancePlan} for the rules that protect the running writer.
 *
 * <p>Every step commits with Iceberg's optimistic concurrency: a writer's append between two steps
 * makes the step retry on the new metadata (appends never conflict with a compaction, which only
 * replaces files it read).
 */
public final class TableMaintenance {
  /** Attempts of a step that a concurrent commit made fail. */
  static final int ATTEMPTS = 3;

  /**
   * Attempts of the orphan listing: each commit attempt a writer retries deletes the files of the
   * failed attempt, which a listing of a busy table may just have seen.
   */
  static final int LISTING_ATTEMPTS = 5;

  /** Compaction rewrites a group of small files once it has at least this many. */
  public static final int MIN_INPUT_FILES = 2;

  /**
   * Table property that makes every commit delete the oldest metadata.json files beyond {@link
   * #PREVIOUS_VERSIONS_MAX}; without it a writer committing every few seconds leaves thousands.
   */
  public static final String METADATA_DELETE_AFTER_COMMIT =
      "write.metadata.delete-after-commit.enabled";

  /** Table property: metadata.json versions kept when {@link #METADATA_DELETE_AFTER_COMMIT}. */
  public static final String PREVIOUS_VERSIONS_MAX = "write.metadata.previous-versions-max";

  /** Value of {@link #PREVIOUS_VERSIONS_MAX} set when the table has none. */
  public static final String DEFAULT_PREVIOUS_VERSIONS = "20";

  private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

  private final SparkSession spark;
  private final IcebergTables tables;
  private final Clock clock;

  /**
   * Maintenance through {@code spark} (a session from {@link SparkSessions#open}, on the same
   * catalog as {@code tables}, in UTC).
   */
  public TableMaintenance(SparkSession spark, IcebergTables tables, Clock clock) {
    this.spark = spark;
    this.tables = tables;
    this.clock = clock;
  }

  /**
   * What one run did to one table.
   *
   * @param table table name (in the namespace)
   * @param before the table before
   * @param after the table after
   * @param plan the retention the run applied
   * @param rewrittenDataFiles small files compaction replaced
   * @param addedDataFiles files compaction wrote instead
   * @param rewrittenManifests manifests replaced
   * @param deletedFiles data, manifest and manifest-list files deleted with expired snapshots
   * @param orphansRemoved unreferenced files deleted
   * @param metadataCleanupEnabled true when this run switched on {@link
   *     #METADATA_DELETE_AFTER_COMMIT} for the table
   * @param took how long the run took
   */
  public record Result(
      String table,
      TableStats before,
      TableStats after,
      MaintenancePlan plan,
      long rewrittenDataFiles,
      long addedDataFiles,
      long rewrittenManifests,
      long deletedFiles,
      long orphansRemoved,
      boolean metadataCleanupEnabled,
      Duration took) {}

  /** Runs all steps on one table of the namespace. */
  public Result maintain(String table, MaintenancePlan.Retention retention) {
    long t0 = System.nanoTime();
    IcebergCatalogSettings catalog = tables.settings();
    // fully qualified: with the catalog and the namespace both named "playstream", "ns.table"
    // would be read as catalog "playstream", table "table"
    String qualified = catalog.qualify(table);
    String procTable = "'" + qualified + "'";
    String system = catalog.name() + ".system.";
    TableStats before = tables.stats(table);
    if (before.lastCommit() == null) {
      MaintenancePlan none = MaintenancePlan.of(clock.instant(), retention, List.of());
      return new Result(table, before, before, none, 0, 0, 0, 0, 0, false, elapsed(t0));
    }
    boolean metadataCleanup = enableMetadataCleanup(tables.load(table));

    Row rewrite =
        retrying(
            table,
            "compaction",
            "CALL "
                + system
                + "rewrite_data_files(table => "
                + procTable
                + ", options => map('min-input-files', '"
                + MIN_INPUT_FILES
                + "'))");
    long rewritten = longOf(rewrite, "rewritten_data_files_count");
    long added = longOf(rewrite, "added_data_files_count");
    LOG.info("{}: compaction rewrote {} data files into {}", table, rewritten, added);

    // an optimisation only: when a writer's merging append keeps replacing the manifests it
    // wanted to rewrite, skip it this time rather than fail the run
    long rewrittenManifests = 0;
    try {
      Row manifests =
          retrying(
              table,
              "manifest rewrite",
              "CALL " + system + "rewrite_manifests(table => " + procTable + ")");
      rewrittenManifests = longOf(manifests, "rewritten_manifests_count");
    } catch (RuntimeException e) {
      if (!isConflict(e)) {
        throw e;
      }
      LOG.warn(
          "{}: manifest rewrite skipped after {} conflicts: {}", table, ATTEMPTS, e.toString());
    }

    // the plan looks at the ancestry after compaction: its commit sits on top of the writer's
    Table current = tables.load(table);
    List<MaintenancePlan.Ancestor> ancestors = ancestors(current);
    MaintenancePlan plan = MaintenancePlan.of(clock.instant(), retention, ancestors);
    long deleted = 0;
    if (plan.expirable(snapshots(current), ancestors) > 0) {
      deleted = expire(table, current, plan);
    }

    long orphans = removeOrphans(table, qualified, plan);

    TableStats after = tables.stats(table);
    Result r =
        new Result(
            table,
            before,
            after,
            plan,
            rewritten,
            added,
            rewrittenManifests,
            deleted,
            orphans,
            metadataCleanup,
            elapsed(t0));
    LOG.info("{}", r);
    return r;
  }

  /**
   * Expires snapshots as {@code CALL <catalog>.system.expire_snapshots(table, older_than,
   * retain_last)} does, through Iceberg's core API: the procedure runs Spark jobs over every
   * manifest to find deletable files, which costs seconds even on a small table; the core API reads
   * the few manifests that changed in-process. Iceberg never expires the current snapshot.
   *
   * @return files deleted (data files, manifests and manifest lists of expired snapshots)
   */
  private long expire(String table, Table current, MaintenancePlan plan) {
    long t0 = System.nanoTime();
    AtomicLong deleted = new AtomicLong();
    FileIO io = current.io();
    for (int attempt = 1; ; attempt++) {
      try {
        current
            .expireSnapshots()
            .expireOlderThan(plan.expireOlderThan().toEpochMilli())
            .retainLast(plan.retainLast())
            .deleteWith(
                path -> {
                  io.deleteFile(path);
                  deleted.incrementAndGet();
                })
            .commit();
        break;
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !isConflict(e)) {
          throw e;
        }
        current = tables.load(table);
      }
    }
    LOG.info("{}: snapshot expiry took {} ms", table, elapsed(t0).toMillis());
    return deleted.get();
  }

  /**
   * Switches on {@link #METADATA_DELETE_AFTER_COMMIT} (and sets {@link #PREVIOUS_VERSIONS_MAX} if
   * missing) unless the table has it; a table property commit, once per table.
   *
   * @return true when this call changed the table
   */
  static boolean enableMetadataCleanup(Table table) {
    if ("true".equalsIgnoreCase(table.properties().get(METADATA_DELETE_AFTER_COMMIT))) {
      return false;
    }
    var update = table.updateProperties().set(METADATA_DELETE_AFTER_COMMIT, "true");
    if (!table.properties().containsKey(PREVIOUS_VERSIONS_MAX)) {
      update.set(PREVIOUS_VERSIONS_MAX, DEFAULT_PREVIOUS_VERSIONS);
    }
    update.commit();
    LOG.info("{}: enabled {}", table.name(), METADATA_DELETE_AFTER_COMMIT);
    return true;
  }

  /**
   * Deletes unreferenced files older than the plan's margin. The {@code remove_orphan_files}
   * procedure refuses margins under 24 h; the action it wraps takes any, and {@link
   * MaintenancePlan.Retention} has checked ours against {@link MaintenancePlan#MIN_ORPHAN_MARGIN}.
   * The listing goes through the table's FileIO (S3FileIO on S3: Spark's Hadoop has no {@code s3}
   * file system). A writer's failed commit attempt deletes its files while they are being listed;
   * the step is then run again (it is idempotent).
   */
  private long removeOrphans(String table, String qualified, MaintenancePlan plan) {
    long t0 = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        Table sparkTable = loadThroughSpark(qualified);
        long orphans = 0;
        for (String location :
            SparkActions.get(spark)
                .deleteOrphanFiles(sparkTable)
                .usePrefixListing(sparkTable.io() instanceof SupportsPrefixOperations)
                .olderThan(plan.orphansOlderThan().toEpochMilli())
                .execute()
                .orphanFileLocations()) {
          LOG.info("{}: removed orphan file {}", table, location);
          orphans++;
        }
        LOG.info("{}: orphan removal took {} ms", table, elapsed(t0).toMillis());
        return orphans;
      } catch (RuntimeException e) {
        if (attempt >= LISTING_ATTEMPTS || !(isVanishedFile(e) || isConflict(e))) {
          throw e;
        }
        LOG.info("{}: a file vanished while listing ({}); listing again", table, e.toString());
      }
    }
  }

  /** Whether a failure came from a file deleted between listing it and looking at it. */
  static boolean isVanishedFile(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof FileNotFoundException
          || t instanceof NoSuchFileException
          || t.getClass().getSimpleName().equals("NoSuchKeyException")
          || m.contains("No such file or directory")) {
        return true;
      }
    }
    return false;
  }

  private Table loadThroughSpark(String qualifiedName) {
    try {
      return Spark3Util.loadIcebergTable(spark, qualifiedName);
    } catch (ParseException | NoSuchTableException e) {
      throw new IllegalStateException("cannot load " + qualifiedName + ": " + e.getMessage(), e);
    }
  }

  /** Every snapshot of the table. */
  static List<MaintenancePlan.Ancestor> snapshots(Table table) {
    List<MaintenancePlan.Ancestor> out = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      out.add(
          new MaintenancePlan.Ancestor(
              s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis()), s.summary()));
    }
    return out;
  }

  /** The current snapshot's ancestry, newest first. */
  static List<MaintenancePlan.Ancestor> ancestors(Table table) {
    List<MaintenancePlan.Ancestor> out = new ArrayList<>();
    for (Snapshot s : SnapshotUtil.currentAncestors(table)) {
      out.add(
          new MaintenancePlan.Ancestor(
              s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis()), s.summary()));
    }
    return out;
  }

  /**
   * Runs a procedure that returns one row, again (up to {@value #ATTEMPTS} times) when a concurrent
   * commit made it fail validation; Iceberg has already retried the commit itself by then.
   */
  private Row retrying(String table, String step, String sql) {
    for (int attempt = 1; ; attempt++) {
      long t0 = System.nanoTime();
      try {
        List<Row> rows = spark.sql(sql).collectAsList();
        if (rows.size() != 1) {
          throw new IllegalStateException(sql + " returned " + rows.size() + " rows");
        }
        LOG.info("{}: {} took {} ms", table, step, elapsed(t0).toMillis());
        return rows.get(0);
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !isConflict(e)) {
          throw e;
        }
        LOG.info(
            "{}: {} conflicted with a concurrent commit ({}); again", table, step, e.toString());
      }
    }
  }

  /** Whether a failure came from a concurrent commit (validation or commit conflict). */
  static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ValidationException || t instanceof CommitFailedException) {
        return true;
      }
    }
    return false;
  }

  private static long longOf(Row row, String column) {
    Object v = row.get(row.fieldIndex(column));
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static Duration elapsed(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
