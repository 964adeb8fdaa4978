package io.playstream.simulator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated audience: accounts of one to four profiles (weights 35/30/20/15 %), each account a
 * household in one country (weighted by {@link Geography#COUNTRIES}), region and ISP; each profile
 * with its own device (weighted by {@link DeviceType}), hidden taste around one to three favourite
 * genres (drawn by how common each genre is in the catalog) and a log-normal activity weight, so a
 * few profiles watch much more than most.
 */
public final class Population {
  private static final double[] ACCOUNT_SIZE_WEIGHTS = {0.35, 0.30, 0.20, 0.15};

  private final List<Profile> profiles;
  private final List<Account> accounts;
  private final Map<String, Profile> byId;

  private Population(List<Profile> profiles, List<Account> accounts) {
    this.profiles = List.copyOf(profiles);
    this.accounts = List.copyOf(accounts);
    this.byId = new LinkedHashMap<>();
    profiles.forEach(p -> byId.put(p.profileId(), p));
  }

  /**
   * Generates {@code profileCount} profiles for a seed.
   *
   * @param genreWeights how common each genre is (favourite genres are drawn by these weights)
   */
  public static Population generate(
      int profileCount, long seed, TasteSpace space, Map<String, Double> genreWeights) {
    if (profileCount <= 0) {
      throw new IllegalArgumentException("profileCount must be positive");
    }
    SeededRandom rng = SeededRandom.of(seed, "population");
    List<String> genres = new ArrayList<>(genreWeights.keySet());
    genres.sort(null);
    double[] gw = genres.stream().mapToDouble(genreWeights::get).toArray();
    double[] countryWeights = Geography.countryWeights();
    double[] deviceWeights = DeviceType.weights();
    DeviceType[] devices = DeviceType.values();

    List<Profile> profiles = new ArrayList<>(profileCount);
    List<Account> accounts = new ArrayList<>();
    int accountNo = 0;
    while (profiles.size() < profileCount) {
      accountNo++;
      String accountId = String.format("sim%d-a%05d", seed, accountNo);
      int size = Math.min(1 + rng.weighted(ACCOUNT_SIZE_WEIGHTS), profileCount - profiles.size());
      Geography.Country country = Geography.COUNTRIES.get(rng.weighted(countryWeights));
      String region = country.regions().get(rng.weighted(country.regionWeights()));
      String isp = country.isps().get(rng.nextInt(country.isps().size()));
      String clientIp =
          "198." + (18 + rng.nextInt(2)) + "." + rng.nextInt(256) + "." + (1 + rng.nextInt(254));
      List<String> ids = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        int index = profiles.size();
        String profileId = String.format("sim%d-p%05d", seed, index + 1);
        DeviceType device = devices[rng.weighted(deviceWeights)];
        List<String> favourites = new ArrayList<>();
        int favouriteCount = genres.isEmpty() ? 0 : 1 + rng.nextInt(Math.min(3, genres.size()));
        while (favourites.size() < favouriteCount) {
          String g = genres.get(rng.weighted(gw));
          if (!favourites.contains(g)) {
            favourites.add(g);
          }
        }
        double[] taste = space.taste(favourites, rng);
        double activity = rng.logNormal(0.8);
        profiles.add(
            new Profile(
                index,
                profileId,
                accountId,
                country.code(),
                region,
                isp,
                clientIp,
                device,
                List.copyOf(favourites),
                taste,
                activity));
        ids.add(profileId);
      }
      accounts.add(new Account(accountId, ids));
    }
    return new Population(profiles, accounts);
  }

  /** How often each genre occurs among the titles. */
  public static Map<String, Double> genreWeights(TitleCatalog catalog) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (Title t : catalog.titles()) {
      for (String g : t.genres()) {
        weights.merge(g, 1.0, Double::sum);
      }
    }
    return weights;
  }

  public List<Profile> profiles() {
    return profiles;
  }

  public List<Account> accounts() {
    return accounts;
  }

  public Profile profile(String profileId) {
    return byId.get(profileId);
  }

  public int size() {
    return profiles.size();
  }
}
