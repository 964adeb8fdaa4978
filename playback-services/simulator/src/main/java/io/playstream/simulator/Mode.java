package io.playstream.simulator;

import java.util.Locale;

/** Where the simulated behaviour goes. */
public enum Mode {
  /** Calls the playback, catalog and steering services over HTTP. */
  HTTP,
  /** Produces the events the services would emit straight to Kafka (load tests, no services). */
  KAFKA;

  /** Lower-case name, as on the command line and in reports. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
