package io.playstream.simulator;

/**
 * The outcome of {@link DirectKafkaLoad#run}.
 *
 * @param records measured records acknowledged by the broker
 * @param bytes serialized key and value bytes of those records (before compression)
 * @param elapsedNanos from the first measured send until every acknowledgement arrived
 * @param backlogAtStart warm-up records not yet acknowledged when the clock started (still being
 *     sent within the measured time; 0 without warm-up)
 */
public record LoadResult(long records, long bytes, long elapsedNanos, long backlogAtStart) {
  public LoadResult(long records, long bytes, long elapsedNanos) {
    this(records, bytes, elapsedNanos, 0);
  }

  public double recordsPerSecond() {
    return elapsedNanos == 0 ? 0 : records * 1e9 / elapsedNanos;
  }

  public double megabytesPerSecond() {
    return elapsedNanos == 0 ? 0 : bytes * 1e9 / elapsedNanos / (1024.0 * 1024.0);
  }

  /** Mean serialized record size in bytes. */
  public double averageRecordSize() {
    return records == 0 ? 0 : (double) bytes / records;
  }
}
