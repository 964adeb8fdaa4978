package io.playstream.spark;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The arithmetic of one maintenance run of a table, kept apart from Spark so it can be tested:
 * which snapshots may be expired and which unreferenced files count as orphans.
 *
 * <p>Two rules protect a streaming writer that keeps committing while maintenance runs:
 *
 * <ul>
 *   <li><b>The writer's last snapshot stays.</b> A Flink Iceberg sink, when it restores, walks the
 *       ancestors of the current snapshot back to its own last commit ({@value #FLINK_JOB_ID} and
 *       {@value #FLINK_MAX_COMMITTED_CHECKPOINT} in the snapshot summary) to learn which checkpoint
 *       it committed last; if that snapshot or one between it and the current one were expired, it
 *       would commit the same files again. So {@link #retainLast()} counts at least up to the
 *       newest writer snapshot in the ancestry (compaction commits on top of it push it down).
 *   <li><b>Files younger than the orphan margin are never orphans.</b> A writer's data files exist
 *       before the checkpoint that commits them; they look unreferenced until then. The margin
 *       (default 1 h) must exceed the checkpoint interval plus commit time by far.
 * </ul>
 *
 * @param expireOlderThan snapshots older than this may be expired
 * @param retainLast this many newest ancestors of the current snapshot are kept whatever their age
 * @param orphansOlderThan unreferenced files older than this are deleted
 * @param writerSnapshot the newest writer snapshot found in the ancestry, or null
 */
public record MaintenancePlan(
    Instant expireOlderThan, int retainLast, Instant orphansOlderThan, Long writerSnapshot) {

  /** Snapshot summary key of the Flink job that committed a snapshot. */
  public static final String FLINK_JOB_ID = "flink.job-id";

  /** Snapshot summary key of the last checkpoint a Flink sink committed with the snapshot. */
  public static final String FLINK_MAX_COMMITTED_CHECKPOINT = "flink.max-committed-checkpoint-id";

  /** Shortest orphan margin accepted. */
  public static final Duration MIN_ORPHAN_MARGIN = Duration.ofMinutes(10);

  public MaintenancePlan {
    Objects.requireNonNull(expireOlderThan, "expireOlderThan");
    Objects.requireNonNull(orphansOlderThan, "orphansOlderThan");
    if (retainLast < 1) {
      throw new IllegalArgumentException("retainLast must be at least 1: " + retainLast);
    }
  }

  /**
   * What to keep.
   *
   * @param olderThan snapshots older than this (from now) may be expired
   * @param retainLast newest snapshots kept whatever their age (at least 1: the current one)
   * @param orphanMargin unreferenced files younger than this are kept (at least {@link
   *     #MIN_ORPHAN_MARGIN})
   */
  public record Retention(Duration olderThan, int retainLast, Duration orphanMargin) {
    public Retention {
      Objects.requireNonNull(olderThan, "olderThan");
      Objects.requireNonNull(orphanMargin, "orphanMargin");
      if (olderThan.isNegative()) {
        throw new IllegalArgumentException("--older-than must not be negative: " + olderThan);
      }
      if (retainLast < 1) {
        throw new IllegalArgumentException(
            "--retain-last must be at least 1 (the current snapshot is always kept): "
                + retainLast);
      }
      if (orphanMargin.compareTo(MIN_ORPHAN_MARGIN) < 0) {
        throw new IllegalArgumentException(
            "--orphan-margin must be at least "
                + MIN_ORPHAN_MARGIN.toMinutes()
                + " min: a running writer's uncommitted files would count as orphans");
      }
    }

    /** The defaults: expire snapshots older than 1 h, keep the last 5, orphan margin 1 h. */
    public static Retention defaults() {
      return new Retention(Duration.ofHours(1), 5, Duration.ofHours(1));
    }
  }

  /** A snapshot of the current snapshot's ancestry, newest first. */
  public record Ancestor(long snapshotId, Instant committedAt, Map<String, String> summary) {
    public Ancestor {
      summary = Map.copyOf(summary);
    }

    /** Whether a Flink sink committed this snapshot. */
    public boolean isWriterCommit() {
      return summary.containsKey(FLINK_MAX_COMMITTED_CHECKPOINT);
    }
  }

  /**
   * How many of {@code allSnapshots} an expiry with this plan removes: those committed before
   * {@link #expireOlderThan()} that are not among the {@link #retainLast()} newest ancestors. When
   * none, the expiry (a Spark job over all manifests) can be skipped.
   *
   * @param allSnapshots every snapshot of the table (id and commit time)
   * @param ancestorsNewestFirst the current snapshot's ancestry, newest first
   */
  public long expirable(List<Ancestor> allSnapshots, List<Ancestor> ancestorsNewestFirst) {
    Set<Long> kept = new HashSet<>();
    for (int i = 0; i < Math.min(retainLast, ancestorsNewestFirst.size()); i++) {
      kept.add(ancestorsNewestFirst.get(i).snapshotId());
    }
    return allSnapshots.stream()
        .filter(s -> !kept.contains(s.snapshotId()))
        .filter(s -> s.committedAt().isBefore(expireOlderThan))
        .count();
  }

  /**
   * The plan for a table whose current snapshot's ancestry is {@code ancestorsNewestFirst} (current
   * snapshot first), at {@code now}.
   */
  public static MaintenancePlan of(
      Instant now, Retention retention, List<Ancestor> ancestorsNewestFirst) {
    int retain = retention.retainLast();
    Long writer = null;
    for (int i = 0; i < ancestorsNewestFirst.size(); i++) {
      Ancestor a = ancestorsNewestFirst.get(i);
      if (a.isWriterCommit()) {
        retain = Math.max(retain, i + 1);
        writer = a.snapshotId();
        break;
      }
    }
    return new MaintenancePlan(
        now.minus(retention.olderThan()), retain, now.minus(retention.orphanMargin()), writer);
  }
}
