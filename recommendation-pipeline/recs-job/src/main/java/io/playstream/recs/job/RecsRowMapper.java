package io.playstream.recs.job;

import io.playstream.events.ProfileRecommendations;
import io.playstream.events.RecommendedTitle;
import io.playstream.flink.DeadLetter;
import io.playstream.flink.RawEvents;
import io.playstream.schemas.DeadLetterHeaders;
import io.playstream.schemas.Topics;
import io.playstream.sinks.cassandra.CassandraRecordMapper;
import io.playstream.sinks.cassandra.CqlWrite;
import io.playstream.sinks.cassandra.RejectedRecordException;
import java.util.Map;

/**
 * Maps a profile's recommendations to one row of {@code recs_by_profile} (sink-cassandra's CQL
 * V005): an idempotent upsert of the whole row, {@code INSERT ... JSON} (so the list of {@code
 * scored_title} UDTs binds without a session) {@code USING TIMESTAMP} of the list's generation time
 * — writing the same list again changes nothing, and an older list replayed after a newer one does
 * not overwrite it.
 */
public final class RecsRowMapper implements CassandraRecordMapper<ProfileRecommendations> {
  private static final long serialVersionUID = 1L;
  static final String UPSERT = "upsert-recs";

  private final String component;

  public RecsRowMapper(String component) {
    this.component = component;
  }

  @Override
  public Map<String, String> statements(String keyspace) {
    return Map.of(UPSERT, "INSERT INTO " + keyspace + ".recs_by_profile JSON ? USING TIMESTAMP ?");
  }

  @Override
  public CqlWrite toWrite(ProfileRecommendations r) {
    String profile = r.getProfileId() == null ? "" : r.getProfileId().toString();
    if (profile.isBlank()) {
      throw new RejectedRecordException(DeadLetterHeaders.SINK_REJECTED, "empty profile_id");
    }
    long generatedAt = r.getHeader().getEventTime().toEpochMilli();
    return CqlWrite.of(UPSERT, json(r, generatedAt), generatedAt * 1000L);
  }

  /** The row as Cassandra JSON (column names as keys; the titles as a list of UDT objects). */
  static String json(ProfileRecommendations r, long generatedAt) {
    StringBuilder sb = new StringBuilder(64 + 48 * r.getTitles().size());
    sb.append("{\"profile_id\":");
    quote(sb, r.getProfileId().toString());
    sb.append(",\"generated_at\":").append(generatedAt);
    sb.append(",\"model_version\":");
    quote(sb, r.getModelVersion().toString());
    sb.append(",\"source\":");
    quote(sb, r.getSource().toString());
    sb.append(",\"titles\":[");
    boolean first = true;
    for (RecommendedTitle t : r.getTitles()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append("{\"title_id\":");
      quote(sb, t.getTitleId().toString());
      double score = Double.isFinite(t.getScore()) ? t.getScore() : 0.0;
      sb.append(",\"score\":").append(score).append('}');
    }
    return sb.append("]}").toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  @Override
  public DeadLetter deadLetter(ProfileRecommendations r, String reason, String detail) {
    return DeadLetter.of(RawEvents.of(r, Topics.RECS.name(), -1, -1L), reason, detail, component);
  }
}
