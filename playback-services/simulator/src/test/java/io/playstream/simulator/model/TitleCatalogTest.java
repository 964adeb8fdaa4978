package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TitleCatalogTest {
  @Test
  void bundledTitlesAreTheCatalogServicesMovieLensTitles() {
    TitleCatalog catalog = TitleCatalog.bundled();
    assertThat(catalog.size()).isEqualTo(9_742);
    Title toyStory = catalog.get(catalog.indexOf("1"));
    assertThat(toyStory.name()).isEqualTo("Toy Story (1995)");
    assertThat(toyStory.genres()).contains("Animation", "Comedy");
    assertThat(toyStory.releaseYear()).isEqualTo(1995);
    assertThat(toyStory.licensedCountries()).isNotEmpty();
    assertThat(toyStory.durationSeconds()).isPositive();
  }

  @Test
  void titlesAreSortedByIdWhateverTheInputOrder() {
    TitleCatalog generated = TitleCatalog.generated(50, 3);
    List<Title> reversed = new ArrayList<>(generated.titles());
    Collections.reverse(reversed);
    assertThat(new TitleCatalog(reversed).titles()).isEqualTo(generated.titles());
    assertThat(generated.get(0).titleId()).isEqualTo("gen-00001");
    assertThat(generated.indexOf("gen-00050")).isEqualTo(49);
    assertThat(generated.indexOf("nope")).isEqualTo(-1);
  }

  @Test
  void generatedTitlesAreLicensedInEveryAudienceCountry() {
    for (Title t : TitleCatalog.generated(100, 1).titles()) {
      assertThat(t.genres()).hasSizeBetween(1, 3);
      for (String country : Geography.countryCodes()) {
        assertThat(t.isLicensedIn(country)).isTrue();
      }
      assertThat(t.durationSeconds()).isBetween(80 * 60, 150 * 60);
    }
  }
}
