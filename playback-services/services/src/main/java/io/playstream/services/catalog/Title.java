package io.playstream.services.catalog;

import io.playstream.events.EventHeader;
import io.playstream.events.TitleUpserted;
import io.playstream.services.common.ApiException;
import io.playstream.services.common.JsonBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A catalog title, as stored, served and announced (its fields are those of {@link TitleUpserted}).
 *
 * @param titleId stable id (the MovieLens movieId for seeded titles)
 * @param name display name
 * @param genres genres, possibly empty
 * @param releaseYear year of first release, or null when unknown
 * @param licensedCountries ISO countries where the title may be streamed
 * @param maturityRating e.g. G, PG, PG-13, R, TV-MA
 * @param durationSeconds runtime in seconds
 */
public record Title(
    String titleId,
    String name,
    List<String> genres,
    Integer releaseYear,
    List<String> licensedCountries,
    String maturityRating,
    int durationSeconds) {

  /** Title ids are short and URL-safe. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  static final int MAX_NAME_LENGTH = 500;
  static final int MAX_GENRES = 30;
  static final int MAX_GENRE_LENGTH = 64;

  public Title {
    genres = List.copyOf(genres);
    licensedCountries = List.copyOf(licensedCountries);
  }

  /** True when the title may be streamed in {@code country} (ISO code, any case). */
  public boolean licensedIn(String country) {
    return licensedCountries.contains(country.toUpperCase(Locale.ROOT));
  }

  /** The event announcing this state of the title. */
  public TitleUpserted toEvent(EventHeader header) {
    return TitleUpserted.newBuilder()
        .setHeader(header)
        .setTitleId(titleId)
        .setName(name)
        .setGenres(new ArrayList<>(genres))
        .setReleaseYear(releaseYear)
        .setLicensedCountries(new ArrayList<>(licensedCountries))
        .setMaturityRating(maturityRating)
        .setDurationSeconds(durationSeconds)
        .build();
  }

  /**
   * Checks a title id from a path.
   *
   * @throws ApiException 400 naming {@code title_id}
   */
  public static String checkId(String titleId) {
    if (titleId == null || !ID.matcher(titleId).matches()) {
      throw ApiException.badRequest(
          "title_id must be 1-64 letters, digits, '.', '_' or '-'", "title_id");
    }
    return titleId;
  }

  /**
   * Reads a title from a PUT body; the id comes from the path, and a {@code title_id} in the body
   * must agree with it.
   *
   * @throws ApiException 400 naming the bad field
   */
  public static Title fromBody(JsonBody body, String pathTitleId) {
    String id = checkId(pathTitleId);
    body.optionalString("title_id")
        .filter(bodyId -> !bodyId.equals(id))
        .ifPresent(
            bodyId -> {
              throw ApiException.badRequest(
                  "title_id '" + bodyId + "' in the body differs from '" + id + "' in the path",
                  "title_id");
            });
    String name = body.requiredString("name");
    if (name.length() > MAX_NAME_LENGTH) {
      throw ApiException.badRequest("name is longer than " + MAX_NAME_LENGTH, "name");
    }
    List<String> genres = body.requiredStringList("genres", true);
    if (genres.size() > MAX_GENRES
        || genres.stream().anyMatch(g -> g.length() > MAX_GENRE_LENGTH)) {
      throw ApiException.badRequest(
          "at most " + MAX_GENRES + " genres of at most " + MAX_GENRE_LENGTH + " characters",
          "genres");
    }
    Integer year = body.optionalInt("release_year", 1850, 2200).orElse(null);
    List<String> countries = new ArrayList<>();
    for (String c : body.requiredStringList("licensed_countries", true)) {
      if (!c.matches("[A-Za-z]{2}")) {
        throw ApiException.badRequest(
            "licensed_countries must hold two-letter ISO codes, got '" + c + "'",
            "licensed_countries");
      }
      String upper = c.toUpperCase(Locale.ROOT);
      if (!countries.contains(upper)) {
        countries.add(upper);
      }
    }
    String rating = body.requiredString("maturity_rating");
    if (rating.length() > 16) {
      throw ApiException.badRequest("maturity_rating is longer than 16", "maturity_rating");
    }
    int duration = body.requiredInt("duration_seconds", 1, 7 * 24 * 3600);
    return new Title(id, name, genres, year, countries, rating, duration);
  }
}
