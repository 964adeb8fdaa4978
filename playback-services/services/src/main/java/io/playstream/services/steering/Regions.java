package io.playstream.services.steering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Geography for steering: which region serves a country, and for each region the other regions from
 * nearest to farthest (the order a client falls back through).
 */
public final class Regions {
  private static final Map<String, String> COUNTRY_REGION =
      Map.ofEntries(
          Map.entry("US", "us-east"),
          Map.entry("CA", "us-east"),
          Map.entry("MX", "us-west"),
          Map.entry("BR", "sa-east"),
          Map.entry("AR", "sa-east"),
          Map.entry("CL", "sa-east"),
          Map.entry("CO", "sa-east"),
          Map.entry("PE", "sa-east"),
          Map.entry("GB", "eu-west"),
          Map.entry("IE", "eu-west"),
          Map.entry("DE", "eu-west"),
          Map.entry("FR", "eu-west"),
          Map.entry("ES", "eu-west"),
          Map.entry("IT", "eu-west"),
          Map.entry("NL", "eu-west"),
          Map.entry("SE", "eu-west"),
          Map.entry("PL", "eu-west"),
          Map.entry("PT", "eu-west"),
          Map.entry("IN", "ap-south"),
          Map.entry("JP", "ap-south"),
          Map.entry("KR", "ap-south"),
          Map.entry("AU", "ap-south"),
          Map.entry("SG", "ap-south"),
          Map.entry("ID", "ap-south"));

  private static final Map<String, List<String>> NEAREST =
      Map.of(
          "us-east", List.of("us-east", "us-west", "eu-west", "sa-east", "ap-south"),
          "us-west", List.of("us-west", "us-east", "ap-south", "sa-east", "eu-west"),
          "eu-west", List.of("eu-west", "us-east", "ap-south", "us-west", "sa-east"),
          "sa-east", List.of("sa-east", "us-east", "us-west", "eu-west", "ap-south"),
          "ap-south", List.of("ap-south", "us-west", "eu-west", "us-east", "sa-east"));

  private Regions() {}

  /** The region that serves a country, if the map knows it. */
  public static Optional<String> forCountry(String country) {
    return Optional.ofNullable(COUNTRY_REGION.get(country.toUpperCase(Locale.ROOT)));
  }

  /**
   * Where a client is served from: its stated region when the fleet has it, else its country's
   * region when the fleet has that, else the fleet's first region.
   */
  public static String clientRegion(String statedRegion, String country, Fleet fleet) {
    if (statedRegion != null && fleet.hasRegion(statedRegion)) {
      return statedRegion;
    }
    return forCountry(country).filter(fleet::hasRegion).orElse(fleet.regions().get(0));
  }

  /**
   * The fleet's regions from nearest to farthest for a client in {@code region}: the known order
   * for the built-in regions, then any other fleet regions in fleet order.
   */
  public static List<String> byDistance(String region, Fleet fleet) {
    List<String> out = new ArrayList<>();
    out.add(region);
    for (String r : NEAREST.getOrDefault(region, List.of())) {
      if (fleet.hasRegion(r) && !out.contains(r)) {
        out.add(r);
      }
    }
    for (String r : fleet.regions()) {
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }
}
