package io.playstream.simulator.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A catalog title as the simulator sees it.
 *
 * @param titleId catalog id
 * @param name display name
 * @param genres genres (MovieLens names, e.g. Comedy, Sci-Fi)
 * @param releaseYear year of release, 0 when unknown
 * @param licensedCountries ISO countries where the title may be played
 * @param durationSeconds runtime
 */
public record Title(
    String titleId,
    String name,
    List<String> genres,
    int releaseYear,
    Set<String> licensedCountries,
    int durationSeconds) {

  public Title {
    Objects.requireNonNull(titleId, "titleId");
    genres = List.copyOf(genres);
    licensedCountries = Set.copyOf(licensedCountries);
    if (durationSeconds <= 0) {
      throw new IllegalArgumentException("duration of " + titleId + " must be positive");
    }
  }

  public boolean isLicensedIn(String country) {
    return licensedCountries.contains(country);
  }
}
