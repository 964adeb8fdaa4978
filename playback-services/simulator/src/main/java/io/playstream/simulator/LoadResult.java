package io.playstream.simulator;

/**
 * The outcome of {@link DirectKafkaLoad#run}.
 *
 * @param records records acknowledged by the broker
 * @param bytes serialized key and value bytes of those records (before compression)
 * @param elapsedNanos from the first send until every acknowledgement arrived
 */
public record LoadResult(long records, long bytes, long elapsedNanos) {
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
