package io.playstream.sinks.elasticsearch;

import io.playstream.events.TitleRemoved;
import io.playstream.events.TitleUpserted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Catalog events as title-index actions: {@code TitleUpserted} indexes the title under its {@code
 * title_id}, {@code TitleRemoved} deletes it. Both carry the event time as external version, so the
 * index keeps the newest state of a title whatever order retries or replays deliver events in.
 */
public final class TitleDocuments {
  private TitleDocuments() {}

  /** The document of a title (fields of the {@code playstream-titles} template). */
  public static Map<String, Object> document(TitleUpserted t) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("title_id", t.getTitleId().toString());
    doc.put("name", t.getName().toString());
    doc.put("genres", strings(t.getGenres()));
    doc.put("release_year", t.getReleaseYear());
    doc.put("licensed_countries", strings(t.getLicensedCountries()));
    doc.put("maturity_rating", t.getMaturityRating().toString());
    doc.put("duration_seconds", t.getDurationSeconds());
    doc.put("updated_at", t.getHeader().getEventTime());
    doc.put("event_id", t.getHeader().getEventId().toString());
    return doc;
  }

  /** Index the title (id = title_id, version = event time in ms). */
  public static EsAction upsert(String index, TitleUpserted t) {
    return EsAction.index(index, t.getTitleId().toString(), document(t))
        .withExternalVersion(t.getHeader().getEventTime().toEpochMilli());
  }

  /** Delete the title (id = title_id, version = event time in ms). */
  public static EsAction remove(String index, TitleRemoved t) {
    return EsAction.delete(index, t.getTitleId().toString())
        .withExternalVersion(t.getHeader().getEventTime().toEpochMilli());
  }

  private static List<String> strings(List<? extends CharSequence> values) {
    return values.stream().map(CharSequence::toString).collect(Collectors.toList());
  }
}
