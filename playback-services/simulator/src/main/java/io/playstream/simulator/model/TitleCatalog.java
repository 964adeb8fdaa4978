package io.playstream.simulator.model;

import io.playstream.services.catalog.MovieLensTitles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The titles a run can play, sorted by title id so that the model never depends on the order a
 * catalog happened to list them in.
 */
public final class TitleCatalog {
  /** Classpath location of the MovieLens titles the services jar carries. */
  public static final String MOVIELENS_RESOURCE = "catalog/movies.csv";

  private static final String[] GENERATED_GENRES = {
    "Action",
    "Adventure",
    "Animation",
    "Children",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Fantasy",
    "Horror",
    "Musical",
    "Mystery",
    "Romance",
    "Sci-Fi",
    "Thriller",
    "War",
    "Western"
  };

  private final List<Title> titles;
  private final Map<String, Integer> indexById;

  public TitleCatalog(List<Title> titles) {
    if (titles.isEmpty()) {
      throw new IllegalArgumentException("the catalog has no titles");
    }
    List<Title> sorted = new ArrayList<>(titles);
    sorted.sort(Comparator.comparing(Title::titleId));
    this.titles = List.copyOf(sorted);
    this.indexById = new HashMap<>();
    for (int i = 0; i < this.titles.size(); i++) {
      if (indexById.put(this.titles.get(i).titleId(), i) != null) {
        throw new IllegalArgumentException("duplicate title id " + this.titles.get(i).titleId());
      }
    }
  }

  public int size() {
    return titles.size();
  }

  public Title get(int index) {
    return titles.get(index);
  }

  /** Index of a title id, or -1. */
  public int indexOf(String titleId) {
    return indexById.getOrDefault(titleId, -1);
  }

  public List<Title> titles() {
    return titles;
  }

  /**
   * The MovieLens titles the services jar carries ({@value #MOVIELENS_RESOURCE}), read with the
   * catalog service's own loader so that ids, licensing and runtimes are exactly the catalog's; or,
   * when that resource is not on the classpath, {@link #generated(int, long) 2,000 generated
   * titles}.
   */
  public static TitleCatalog bundled() {
    if (TitleCatalog.class.getClassLoader().getResource(MOVIELENS_RESOURCE) == null) {
      return generated(2_000, 0L);
    }
    List<Title> titles = new ArrayList<>();
    for (io.playstream.services.catalog.Title t : MovieLensTitles.load()) {
      titles.add(
          new Title(
              t.titleId(),
              t.name(),
              t.genres(),
              t.releaseYear() == null ? 0 : t.releaseYear(),
              Set.copyOf(t.licensedCountries()),
              t.durationSeconds()));
    }
    return new TitleCatalog(titles);
  }

  /** A synthetic catalog: ids {@code gen-00001}..., 1–3 genres each, licensed everywhere. */
  public static TitleCatalog generated(int count, long seed) {
    SeededRandom rng = SeededRandom.of(seed, "generated-catalog");
    Set<String> countries = Geography.countryCodes();
    List<Title> titles = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      int genreCount = 1 + rng.nextInt(3);
      List<String> genres = new ArrayList<>();
      while (genres.size() < genreCount) {
        String g = GENERATED_GENRES[rng.nextInt(GENERATED_GENRES.length)];
        if (!genres.contains(g)) {
          genres.add(g);
        }
      }
      String id = String.format("gen-%05d", i);
      int year = 1950 + rng.nextInt(76);
      titles.add(
          new Title(
              id,
              "Generated Title " + i + " (" + year + ")",
              genres,
              year,
              countries,
              stableDurationSeconds(id)));
    }
    return new TitleCatalog(titles);
  }

  private static int stableDurationSeconds(String titleId) {
    return 60 * (80 + (int) (SeededRandom.unitHash("duration:" + titleId) * 71));
  }
}
