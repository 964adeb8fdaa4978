package io.playstream.simulator.model;

import java.time.Duration;
import java.util.List;

/**
 * What the model needs to know; the action list is a pure function of this, the titles and the CDN
 * fleet.
 *
 * @param seed the seed of every random stream
 * @param profiles number of profiles
 * @param zipfExponent popularity exponent
 * @param visitsPerSimSecond mean visits (Poisson arrivals) per simulated second
 * @param heartbeatInterval simulated time between heartbeats
 * @param cdnReportInterval simulated time between CDN health reports
 * @param errorRate share of sessions that hit a playback error
 * @param ratingProbability probability of rating after a stop
 * @param cuts CDN outages
 * @param serverCapacitySessions sessions that saturate a CDN server; 0 = sized automatically
 */
public record ModelConfig(
    long seed,
    int profiles,
    double zipfExponent,
    double visitsPerSimSecond,
    Duration heartbeatInterval,
    Duration cdnReportInterval,
    double errorRate,
    double ratingProbability,
    List<CdnCut> cuts,
    int serverCapacitySessions) {

  public ModelConfig {
    cuts = List.copyOf(cuts);
    if (profiles <= 0) {
      throw new IllegalArgumentException("profiles must be positive");
    }
    if (!(visitsPerSimSecond > 0)) {
      throw new IllegalArgumentException("the visit rate must be positive");
    }
    if (heartbeatInterval.toMillis() <= 0 || cdnReportInterval.toMillis() <= 0) {
      throw new IllegalArgumentException("intervals must be positive");
    }
    if (errorRate < 0 || errorRate > 1 || ratingProbability < 0 || ratingProbability > 1) {
      throw new IllegalArgumentException("probabilities must lie in [0, 1]");
    }
    if (serverCapacitySessions < 0) {
      throw new IllegalArgumentException("serverCapacitySessions must be >= 0");
    }
  }

  /** Defaults matching the command line's, for tests and benchmarks. */
  public static ModelConfig defaults(long seed) {
    return new ModelConfig(
        seed,
        200,
        1.0,
        2.0 / 30,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        0.01,
        0.3,
        List.of(),
        0);
  }

  public ModelConfig withProfiles(int n) {
    return new ModelConfig(
        seed,
        n,
        zipfExponent,
        visitsPerSimSecond,
        heartbeatInterval,
        cdnReportInterval,
        errorRate,
        ratingProbability,
        cuts,
        serverCapacitySessions);
  }

  public ModelConfig withVisitsPerSimSecond(double rate) {
    return new ModelConfig(
        seed,
        profiles,
        zipfExponent,
        rate,
        heartbeatInterval,
        cdnReportInterval,
        errorRate,
        ratingProbability,
        cuts,
        serverCapacitySessions);
  }

  public ModelConfig withCuts(List<CdnCut> newCuts) {
    return new ModelConfig(
        seed,
        profiles,
        zipfExponent,
        visitsPerSimSecond,
        heartbeatInterval,
        cdnReportInterval,
        errorRate,
        ratingProbability,
        newCuts,
        serverCapacitySessions);
  }

  public ModelConfig withErrorRate(double rate) {
    return new ModelConfig(
        seed,
        profiles,
        zipfExponent,
        visitsPerSimSecond,
        heartbeatInterval,
        cdnReportInterval,
        rate,
        ratingProbability,
        cuts,
        serverCapacitySessions);
  }
}
