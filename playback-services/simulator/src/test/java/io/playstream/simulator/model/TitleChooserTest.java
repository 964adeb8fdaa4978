package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TitleChooserTest {
  private static final long SEED = 42;
  private final TitleCatalog catalog = TitleCatalog.generated(400, SEED);
  private final TasteSpace space = new TasteSpace(SEED);
  private final double[][] factors =
      catalog.titles().stream().map(space::titleFactor).toArray(double[][]::new);
  private final ZipfPopularity popularity =
      new ZipfPopularity(catalog.size(), 1.0, SeededRandom.of(SEED, "popularity"));
  private final Population population =
      Population.generate(10, SEED, space, Population.genreWeights(catalog));
  private final TitleChooser chooser = new TitleChooser(catalog, popularity, factors);

  @Test
  void tasteDrivesWhatIsPlayed() {
    Profile profile = population.profiles().get(0);
    int n = catalog.size();
    Integer[] byAffinity = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(byAffinity, Comparator.comparingDouble(t -> chooser.affinity(profile, t)));
    Set<Integer> lowQuartile = new HashSet<>(Arrays.asList(byAffinity).subList(0, n / 4));
    Set<Integer> highQuartile = new HashSet<>(Arrays.asList(byAffinity).subList(n - n / 4, n));

    SeededRandom rng = new SeededRandom(1);
    long shownHigh = 0;
    long shownLow = 0;
    long playedHigh = 0;
    long playedLow = 0;
    for (int i = 0; i < 20_000; i++) {
      int[] row = chooser.row(profile, -1, rng).titles();
      for (int t : row) {
        shownHigh += highQuartile.contains(t) ? 1 : 0;
        shownLow += lowQuartile.contains(t) ? 1 : 0;
      }
      int played = chooser.choose(profile, row, rng);
      playedHigh += highQuartile.contains(played) ? 1 : 0;
      playedLow += lowQuartile.contains(played) ? 1 : 0;
    }
    assertThat(playedHigh).isGreaterThan(10 * Math.max(1, playedLow));
    double rateHigh = (double) playedHigh / shownHigh;
    double rateLow = (double) playedLow / Math.max(1, shownLow);
    assertThat(rateHigh).as("plays per impression").isGreaterThan(10 * rateLow);
  }

  @Test
  void rowsHoldTenDistinctTitlesAndKnownNames() {
    SeededRandom rng = new SeededRandom(2);
    Profile profile = population.profiles().get(1);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      TitleChooser.Row row = chooser.row(profile, i % 2 == 0 ? 7 : -1, rng);
      names.add(row.name());
      assertThat(row.titles()).hasSize(TitleChooser.ROW_SIZE).doesNotHaveDuplicates();
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "trending", "popular-near-you", "new-releases", "because-you-watched");
  }

  @Test
  void becauseYouWatchedRowsResembleTheLastTitle() {
    SeededRandom rng = new SeededRandom(3);
    Profile profile = population.profiles().get(2);
    int anchor = popularity.titleAtRank(1);
    double similar = 0;
    double other = 0;
    int similarRows = 0;
    int otherRows = 0;
    for (int i = 0; i < 2_000; i++) {
      TitleChooser.Row row = chooser.row(profile, anchor, rng);
      double mean =
          Arrays.stream(row.titles())
              .mapToDouble(t -> TasteSpace.affinity(factors[anchor], factors[t]))
              .average()
              .orElseThrow();
      if (row.name().equals("because-you-watched")) {
        similar += mean;
        similarRows++;
      } else {
        other += mean;
        otherRows++;
      }
    }
    assertThat(similar / similarRows).isGreaterThan(other / otherRows + 0.2);
  }

  @Test
  void titlesNotLicensedInTheCountryRarelyShowUp() {
    // half the titles are licensed only in KR: the UI hides them but for a stale few
    TitleCatalog halfKr =
        new TitleCatalog(
            catalog.titles().stream()
                .map(
                    t ->
                        catalog.indexOf(t.titleId()) % 2 == 0
                            ? new Title(
                                t.titleId(),
                                t.name(),
                                t.genres(),
                                t.releaseYear(),
                                Set.of("KR"),
                                t.durationSeconds())
                            : t)
                .toList());
    TitleChooser strict = new TitleChooser(halfKr, popularity, factors);
    Profile profile = population.profiles().get(0);
    SeededRandom rng = new SeededRandom(4);
    int shown = 0;
    int unlicensed = 0;
    for (int i = 0; i < 2_000; i++) {
      for (int t : strict.row(profile, -1, rng).titles()) {
        shown++;
        unlicensed += halfKr.get(t).isLicensedIn(profile.country()) ? 0 : 1;
      }
    }
    assertThat(unlicensed / (double) shown).isBetween(0.01, 0.10);
  }
}
