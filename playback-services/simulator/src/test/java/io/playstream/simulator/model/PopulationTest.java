package io.playstream.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PopulationTest {
  private final TitleCatalog catalog = TitleCatalog.generated(300, 1);
  private final TasteSpace space = new TasteSpace(42);

  @Test
  void accountsHoldOneToFourProfilesOfOneHousehold() {
    Population population = Population.generate(1_000, 42, space, Population.genreWeights(catalog));
    assertThat(population.size()).isEqualTo(1_000);
    assertThat(population.accounts().stream().mapToInt(a -> a.profileIds().size()).sum())
        .isEqualTo(1_000);
    for (Account account : population.accounts()) {
      assertThat(account.profileIds()).hasSizeBetween(1, 4);
      Profile first = population.profile(account.profileIds().get(0));
      for (String id : account.profileIds()) {
        Profile p = population.profile(id);
        assertThat(p.accountId()).isEqualTo(account.accountId());
        assertThat(p.country()).isEqualTo(first.country());
        assertThat(p.region()).isEqualTo(first.region());
        assertThat(p.isp()).isEqualTo(first.isp());
        assertThat(p.clientIp()).isEqualTo(first.clientIp()).startsWith("198.1");
      }
    }
  }

  @Test
  void countriesRegionsAndDevicesFollowTheirWeights() {
    Population population = Population.generate(5_000, 7, space, Population.genreWeights(catalog));
    Map<String, Integer> countries = new HashMap<>();
    Map<DeviceType, Integer> devices = new HashMap<>();
    for (Profile p : population.profiles()) {
      countries.merge(p.country(), 1, Integer::sum);
      devices.merge(p.device(), 1, Integer::sum);
      Geography.Country c =
          Geography.COUNTRIES.stream()
              .filter(x -> x.code().equals(p.country()))
              .findFirst()
              .orElseThrow();
      assertThat(c.regions()).contains(p.region());
      assertThat(c.isps()).contains(p.isp());
      assertThat(Geography.REGIONS).contains(p.region());
      assertThat(p.taste()).hasSize(TasteSpace.DIMENSION);
    }
    // accounts, not profiles, draw the country: allow for the clustering
    assertThat(countries.get("US") / 5_000.0).isCloseTo(0.30, within(0.05));
    assertThat(countries.get("ES") / 5_000.0).isCloseTo(0.04, within(0.02));
    assertThat(devices.get(DeviceType.TV) / 5_000.0).isCloseTo(0.40, within(0.03));
    assertThat(devices.get(DeviceType.CONSOLE) / 5_000.0).isCloseTo(0.10, within(0.02));
  }

  @Test
  void tastesAreUnitVectorsCloseToTheirFavouriteGenres() {
    Population population = Population.generate(200, 3, space, Population.genreWeights(catalog));
    double onFavourite = 0;
    double onOther = 0;
    int n = 0;
    for (Profile p : population.profiles()) {
      double norm = 0;
      for (double x : p.taste()) {
        norm += x * x;
      }
      assertThat(norm).isCloseTo(1.0, within(1e-9));
      assertThat(p.favouriteGenres()).hasSizeBetween(1, 3);
      onFavourite += TasteSpace.affinity(p.taste(), space.genreVector(p.favouriteGenres().get(0)));
      String other =
          Population.genreWeights(catalog).keySet().stream()
              .filter(g -> !p.favouriteGenres().contains(g))
              .findFirst()
              .orElseThrow();
      onOther += TasteSpace.affinity(p.taste(), space.genreVector(other));
      n++;
    }
    assertThat(onFavourite / n).isGreaterThan(onOther / n + 0.3);
  }

  @Test
  void theSameSeedGivesTheSamePopulation() {
    Population a = Population.generate(50, 9, space, Population.genreWeights(catalog));
    Population b = Population.generate(50, 9, space, Population.genreWeights(catalog));
    for (int i = 0; i < 50; i++) {
      Profile x = a.profiles().get(i);
      Profile y = b.profiles().get(i);
      assertThat(x.profileId()).isEqualTo(y.profileId()).startsWith("sim9-p");
      assertThat(x.country()).isEqualTo(y.country());
      assertThat(x.taste()).containsExactly(y.taste());
    }
  }
}
