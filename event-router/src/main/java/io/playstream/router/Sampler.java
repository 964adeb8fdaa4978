package io.playstream.router;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic sampling by event id: an event is kept when a 64-bit hash of its id, read as a
 * fraction in [0, 1), is below the rate. The same event is always picked or always skipped, on
 * every instance and in every replay; routes with the same rate pick the same events, and a route
 * at rate 0.1 picks a subset of what a route at 0.5 picks.
 */
public final class Sampler {
  private Sampler() {}

  /** True when the event with this id is in a sample of the given rate. */
  public static boolean keep(String eventId, double rate) {
    if (rate >= 1.0) {
      return true;
    }
    if (rate <= 0.0 || eventId == null) {
      return false;
    }
    return fraction(eventId) < rate;
  }

  /** The hash of an event id as a fraction in [0, 1). */
  public static double fraction(String eventId) {
    long h = 0xcbf29ce484222325L; // FNV-1a 64 over the UTF-8 bytes, then a SplitMix64 finaliser
    for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return (h >>> 11) * 0x1.0p-53;
  }
}
