package io.playstream.services.playback;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bitrates (kbit/s) a device class may stream at, lowest first. */
public final class BitrateLadder {
  private static final List<Integer> DEFAULT = List.of(235, 560, 1050, 1750, 3000, 4300);
  private static final Map<String, List<Integer>> BY_DEVICE =
      Map.of(
          "tv", List.of(235, 750, 1750, 3000, 4300, 5800, 8000, 16000),
          "console", List.of(235, 750, 1750, 3000, 4300, 5800, 8000, 16000),
          "web", List.of(235, 560, 1050, 1750, 3000, 4300, 5800),
          "tablet", List.of(235, 375, 750, 1050, 1750, 3000, 4300),
          "mobile", List.of(235, 375, 560, 750, 1050, 1750, 3000));

  private BitrateLadder() {}

  /** The ladder of a device class; unknown classes get a conservative default. */
  public static List<Integer> forDevice(String deviceType) {
    return BY_DEVICE.getOrDefault(deviceType.toLowerCase(Locale.ROOT), DEFAULT);
  }
}
