package io.playstream.services.recommendations;

import java.time.Instant;
import java.util.List;

/**
 * One row of Cassandra's {@code recs_by_profile} (sink-cassandra CQL V005): a profile's list, or a
 * country's trending list under the key {@code trending:<country>} ({@code trending:*} for all
 * countries), as the recommendation job writes them.
 *
 * @param key {@code profile_id} column: a profile id or {@code trending:<country>}
 * @param generatedAt when the list was computed
 * @param modelVersion which models produced it (e.g. {@code knn+als-20260101T000000Z}, {@code
 *     trending})
 * @param source the writer's source column ({@code realtime}, {@code batch}, {@code trending})
 * @param titles titles, best first
 */
public record RecsRow(
    String key, Instant generatedAt, String modelVersion, String source, List<Scored> titles) {

  public RecsRow {
    titles = List.copyOf(titles);
  }

  /**
   * One title of a list ({@code scored_title} UDT).
   *
   * @param titleId catalog title id
   * @param score relevance, comparable within one list
   */
  public record Scored(String titleId, double score) {}
}
