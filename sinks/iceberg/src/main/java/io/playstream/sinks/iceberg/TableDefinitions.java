package io.playstream.sinks.iceberg;

import io.playstream.schemas.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.types.Types;

/**
 * The platform's Iceberg tables, all in the namespace {@code iceberg.namespace}.
 *
 * <table>
 *   <caption>tables</caption>
 *   <tr><th>table</th><th>rows</th><th>partitioned by</th><th>sorted by</th></tr>
 *   <tr><td>{@value #PLAYBACK_EVENTS}</td><td>PlaybackStarted, PlaybackHeartbeat, PlaybackStopped,
 *       PlaybackError (column {@code event_type})</td><td>hour(event_time),
 *       identity(event_type)</td><td>title_id, session_id</td></tr>
 *   <tr><td>{@value #STEERING_DECISIONS}</td><td>SteeringDecision</td><td>day(event_time)</td>
 *       <td>country, title_id</td></tr>
 *   <tr><td>{@value #PLAYBACK_SESSIONS}</td><td>PlaybackSessionSummary</td>
 *       <td>day(started_at)</td><td>title_id, country</td></tr>
 *   <tr><td>{@value #CATALOG_TITLES}</td><td>one row per title (TitleUpserted; TitleRemoved marks
 *       it removed); upserted by title_id</td><td>bucket(4, title_id)</td><td>title_id</td></tr>
 * </table>
 */
public final class TableDefinitions {
  public static final String PLAYBACK_EVENTS = "playback_events";
  public static final String STEERING_DECISIONS = "steering_decisions";
  public static final String PLAYBACK_SESSIONS = "playback_sessions";
  public static final String CATALOG_TITLES = "catalog_titles";

  /** Discriminator column of {@value #PLAYBACK_EVENTS}: the event's Avro record name. */
  public static final String EVENT_TYPE_COLUMN = "event_type";

  /** {@value #CATALOG_TITLES}: true once a TitleRemoved was seen (and no later upsert). */
  public static final String REMOVED_COLUMN = "removed";

  /** {@value #CATALOG_TITLES}: event time of the TitleRemoved. */
  public static final String REMOVED_AT_COLUMN = "removed_at";

  /** {@value #CATALOG_TITLES}: the reason given by TitleRemoved. */
  public static final String REMOVAL_REASON_COLUMN = "removal_reason";

  /** Event types of {@value #PLAYBACK_EVENTS}. */
  public static final List<EventType> PLAYBACK_EVENT_TYPES =
      List.of(
          EventType.PLAYBACK_STARTED,
          EventType.PLAYBACK_HEARTBEAT,
          EventType.PLAYBACK_STOPPED,
          EventType.PLAYBACK_ERROR);

  /** Target data file size: 128 MiB (Iceberg's default of 512 MiB is rarely reached). */
  public static final long DEFAULT_TARGET_FILE_SIZE_BYTES = 128L * 1024 * 1024;

  /** Parquet codec: zstd, a good ratio at a CPU cost close to snappy. */
  public static final String DEFAULT_PARQUET_COMPRESSION = "zstd";

  private TableDefinitions() {}

  /**
   * The write properties every table gets: format v2, Parquet with the given codec, the target file
   * size, and metadata cleanup (a streaming writer commits every checkpoint, so old metadata files
   * are deleted after 20 versions; snapshots themselves are expired by maintenance).
   */
  public static Map<String, String> writeProperties(
      long targetFileSizeBytes, String parquetCompression) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(TableProperties.FORMAT_VERSION, "2");
    p.put(TableProperties.DEFAULT_FILE_FORMAT, "parquet");
    p.put(TableProperties.PARQUET_COMPRESSION, parquetCompression);
    p.put(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, Long.toString(targetFileSizeBytes));
    p.put(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true");
    p.put(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "20");
    return p;
  }

  /** {@link #writeProperties(long, String)} with the defaults. */
  public static Map<String, String> defaultWriteProperties() {
    return writeProperties(DEFAULT_TARGET_FILE_SIZE_BYTES, DEFAULT_PARQUET_COMPRESSION);
  }

  /** Every table, in a stable order. */
  public static List<TableDefinition> all(Map<String, String> writeProperties) {
    return List.of(
        playbackEvents(writeProperties),
        steeringDecisions(writeProperties),
        playbackSessions(writeProperties),
        catalogTitles(writeProperties));
  }

  /** The table with this name. */
  public static TableDefinition byName(String name, Map<String, String> writeProperties) {
    for (TableDefinition d : all(writeProperties)) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown table '"
            + name
            + "'; tables: "
            + all(writeProperties).stream().map(TableDefinition::name).toList());
  }

  /**
   * Raw playback telemetry, one wide table for the four playback event types (column {@value
   * #EVENT_TYPE_COLUMN}): the types share session, profile and title ids and are queried together
   * (a session's timeline, starts vs errors per title), one table keeps one commit per checkpoint,
   * and partitioning by event type prunes as well as separate tables would. Hourly partitions: the
   * busiest table, and most queries look at recent hours.
   */
  public static TableDefinition playbackEvents(Map<String, String> writeProperties) {
    return new TableDefinition(
        PLAYBACK_EVENTS,
        "Raw playback telemetry from route iceberg-raw: one row per PlaybackStarted, "
            + "PlaybackHeartbeat, PlaybackStopped or PlaybackError (profile id and client IP hashed).",
        PLAYBACK_EVENT_TYPES.stream().map(t -> RecordMapping.of(t.schema())).toList(),
        EVENT_TYPE_COLUMN,
        List.of(),
        List.of("hour(event_time)", "identity(event_type)"),
        List.of("title_id", "session_id"),
        List.of(),
        writeProperties);
  }

  /** CDN steering decisions with their ranked candidates (list of structs). */
  public static TableDefinition steeringDecisions(Map<String, String> writeProperties) {
    return new TableDefinition(
        STEERING_DECISIONS,
        "CDN steering decisions from route iceberg-raw: candidates offered and the server chosen.",
        List.of(RecordMapping.of(EventType.STEERING_DECISION.schema())),
        null,
        List.of(),
        List.of("day(event_time)"),
        List.of("country", "title_id"),
        List.of(),
        writeProperties);
  }

  /** Session summaries from the sessionizer (topic playstream.sessions). */
  public static TableDefinition playbackSessions(Map<String, String> writeProperties) {
    return new TableDefinition(
        PLAYBACK_SESSIONS,
        "One row per playback session, summarised by the metrics jobs' sessionizer.",
        List.of(RecordMapping.of(EventType.PLAYBACK_SESSION_SUMMARY.schema())),
        null,
        List.of(),
        List.of("day(started_at)"),
        List.of("title_id", "country"),
        List.of(),
        writeProperties);
  }

  /**
   * The catalog dimension: one row per title, upserted by {@code title_id} (format v2 equality
   * deletes). A removal keeps the title's last attributes and sets {@value #REMOVED_COLUMN}, so old
   * playback events still join to a name and genres.
   */
  public static TableDefinition catalogTitles(Map<String, String> writeProperties) {
    Map<String, String> p = new LinkedHashMap<>(writeProperties);
    p.put(TableProperties.FORMAT_VERSION, "2");
    p.put(TableProperties.UPSERT_ENABLED, "true");
    return new TableDefinition(
        CATALOG_TITLES,
        "Catalog titles from route catalog, upserted by title_id; removed titles are kept with "
            + "removed = true.",
        List.of(
            new RecordMapping(
                EventType.TITLE_UPSERTED.schema(), true, Map.of(REMOVED_COLUMN, false), Map.of()),
            new RecordMapping(
                EventType.TITLE_REMOVED.schema(),
                false,
                Map.of(REMOVED_COLUMN, true),
                Map.of(REMOVAL_REASON_COLUMN, "reason", REMOVED_AT_COLUMN, "header.event_time"))),
        null,
        List.of(
            Types.NestedField.optional(
                0,
                REMOVED_COLUMN,
                Types.BooleanType.get(),
                "True once the title was removed (TitleRemoved) and not upserted again."),
            Types.NestedField.optional(
                0,
                REMOVED_AT_COLUMN,
                Types.TimestampType.withZone(),
                "Event time of the TitleRemoved; null while the title is live."),
            Types.NestedField.optional(
                0,
                REMOVAL_REASON_COLUMN,
                Types.StringType.get(),
                "Reason given by the TitleRemoved, if any.")),
        List.of("bucket(4, title_id)"),
        List.of("title_id"),
        List.of("title_id"),
        p);
  }
}
