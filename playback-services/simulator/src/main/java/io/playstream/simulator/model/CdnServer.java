package io.playstream.simulator.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One CDN server of the fleet.
 *
 * @param serverId server id (as steering knows it)
 * @param region region it serves
 * @param capacityMbps egress capacity it reports
 */
public record CdnServer(String serverId, String region, int capacityMbps) {
  /** Capacity reported when the fleet does not say. */
  public static final int DEFAULT_CAPACITY_MBPS = 40_000;

  /** The built-in fleet used in kafka mode: three servers per region, {@code oca-<region>-<n>}. */
  public static List<CdnServer> defaultFleet() {
    List<CdnServer> fleet = new ArrayList<>();
    for (String region : Geography.REGIONS) {
      for (int n = 1; n <= 3; n++) {
        fleet.add(new CdnServer("oca-" + region + "-" + n, region, DEFAULT_CAPACITY_MBPS));
      }
    }
    return List.copyOf(fleet);
  }
}
