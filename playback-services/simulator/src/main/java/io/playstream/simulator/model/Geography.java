package io.playstream.simulator.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where viewers are: countries with their share of the audience, the steering regions that serve
 * them and the ISPs they use.
 */
public final class Geography {
  /** The steering regions (the CDN fleet is organised by these). */
  public static final List<String> REGIONS =
      List.of("us-east", "us-west", "eu-west", "sa-east", "ap-south");

  /**
   * A country of the audience.
   *
   * @param code ISO 3166-1 alpha-2
   * @param weight share of the audience (relative)
   * @param regions regions serving it
   * @param regionWeights share of the country's households per region
   * @param isps ISPs of the country
   */
  public record Country(
      String code,
      double weight,
      List<String> regions,
      double[] regionWeights,
      List<String> isps) {}

  /** The audience: US-heavy, then Brazil and India, Europe, Mexico, Japan. */
  public static final List<Country> COUNTRIES =
      List.of(
          new Country(
              "US",
              0.30,
              List.of("us-east", "us-west"),
              new double[] {0.6, 0.4},
              List.of("comcast", "charter", "verizon", "att")),
          new Country(
              "BR", 0.12, List.of("sa-east"), new double[] {1}, List.of("vivo", "claro-br", "oi")),
          new Country(
              "IN", 0.12, List.of("ap-south"), new double[] {1}, List.of("jio", "airtel", "bsnl")),
          new Country(
              "GB",
              0.09,
              List.of("eu-west"),
              new double[] {1},
              List.of("bt", "sky", "virgin-media")),
          new Country(
              "DE",
              0.08,
              List.of("eu-west"),
              new double[] {1},
              List.of("telekom", "vodafone-de", "o2-de")),
          new Country(
              "MX",
              0.08,
              List.of("us-west"),
              new double[] {1},
              List.of("telmex", "totalplay", "izzi")),
          new Country(
              "FR", 0.07, List.of("eu-west"), new double[] {1}, List.of("orange", "free", "sfr")),
          new Country(
              "JP",
              0.06,
              List.of("ap-south"),
              new double[] {1},
              List.of("ntt", "kddi", "softbank")),
          new Country("CA", 0.04, List.of("us-east"), new double[] {1}, List.of("bell", "rogers")),
          new Country(
              "ES",
              0.04,
              List.of("eu-west"),
              new double[] {1},
              List.of("movistar", "vodafone-es")));

  private Geography() {}

  /** Codes of every country of the audience. */
  public static Set<String> countryCodes() {
    Set<String> codes = new LinkedHashSet<>();
    COUNTRIES.forEach(c -> codes.add(c.code()));
    return codes;
  }

  static double[] countryWeights() {
    return COUNTRIES.stream().mapToDouble(Country::weight).toArray();
  }
}
