package io.playstream.router;

import io.playstream.events.PlaybackError;
import io.playstream.events.PlaybackStarted;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import java.time.Instant;

/** Event fixtures with named values. */
final class TestEvents {
  static final Instant EVENT_TIME = Instant.parse("2026-01-01T20:00:00Z");

  private TestEvents() {}

  static PlaybackStarted started(String country, String device, int bitrate) {
    return PlaybackStarted.newBuilder(SampleEvents.started())
        .setHeader(Events.newHeader("playback", "playback-1", EVENT_TIME, "trace-1"))
        .setCountry(country)
        .setDeviceType(device)
        .setInitialBitrateKbps(bitrate)
        .build();
  }

  static PlaybackStarted started(String sessionId) {
    return PlaybackStarted.newBuilder(started("US", "tv", 4000)).setSessionId(sessionId).build();
  }

  static PlaybackError errorWithoutCountry() {
    return PlaybackError.newBuilder(SampleEvents.error()).setCountry(null).build();
  }
}
