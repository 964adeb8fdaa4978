package io.playstream.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MovieLensTitlesTest {
  private static final String CSV =
      """
      movieId,title,genres
      1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
      11,"American President, The (1995)",Comedy|Drama|Romance
      7789,"11'09""01 - September 11 (2002)",Drama
      27008,From Dusk Till Dawn 2: Texas Blood Money (1999) ,Comedy|Crime|Horror
      40697,Babylon 5,Sci-Fi
      143410,Hyena Road,(no genres listed)
      """;

  @Test
  void parsesQuotedTitlesYearsAndGenres() throws Exception {
    Map<String, Title> byId =
        MovieLensTitles.parse(new StringReader(CSV)).stream()
            .collect(Collectors.toMap(Title::titleId, Function.identity()));

    assertThat(byId).hasSize(6);
    assertThat(byId.get("1").name()).isEqualTo("Toy Story (1995)");
    assertThat(byId.get("1").releaseYear()).isEqualTo(1995);
    assertThat(byId.get("1").genres())
        .containsExactly("Adventure", "Animation", "Children", "Comedy", "Fantasy");
    assertThat(byId.get("11").name()).isEqualTo("American President, The (1995)");
    assertThat(byId.get("7789").name()).isEqualTo("11'09\"01 - September 11 (2002)");
    assertThat(byId.get("27008").releaseYear()).isEqualTo(1999);
    assertThat(byId.get("40697").releaseYear()).isNull();
    assertThat(byId.get("143410").genres()).isEmpty();
  }

  @Test
  void shippedDatasetHasAllTitles() {
    List<Title> titles = MovieLensTitles.load();

    assertThat(titles).hasSize(9742);
    assertThat(titles.stream().map(Title::titleId).distinct()).hasSize(9742);
    assertThat(titles).allSatisfy(t -> assertThat(t.licensedCountries()).isNotEmpty());
    assertThat(titles).allSatisfy(t -> assertThat(t.durationSeconds()).isBetween(3000, 9240));
  }

  @Test
  void derivedAttributesAreDeterministicAndMostlyLicensed() {
    List<String> genres = List.of("Drama");

    assertThat(MovieLensTitles.licensedCountries(42))
        .isEqualTo(MovieLensTitles.licensedCountries(42));
    assertThat(MovieLensTitles.maturityRating(42, genres))
        .isEqualTo(MovieLensTitles.maturityRating(42, genres));
    assertThat(MovieLensTitles.durationSeconds(42, genres))
        .isEqualTo(MovieLensTitles.durationSeconds(42, genres));
    assertThat(MovieLensTitles.maturityRating(1, List.of("Children"))).isIn("G", "PG");
    assertThat(MovieLensTitles.maturityRating(1, List.of("Horror"))).isIn("R", "TV-MA");

    double avgCountries =
        MovieLensTitles.load().stream()
            .mapToInt(t -> t.licensedCountries().size())
            .average()
            .orElse(0);
    // 12 countries at 85 % each: about 10.2 per title
    assertThat(avgCountries).isBetween(9.5, 11.0);
  }
}
