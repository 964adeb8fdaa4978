package io.playstream.services.steering;

import java.util.List;

/**
 * What steering decided for one request.
 *
 * @param candidates ranked servers, best first (never empty)
 * @param chosenServerId the first candidate
 * @param fallbackUsed true when the static region list was used for lack of fresh health data
 * @param clientRegion the region the client was placed in
 */
public record Ranking(
    List<Candidate> candidates, String chosenServerId, boolean fallbackUsed, String clientRegion) {
  public Ranking {
    candidates = List.copyOf(candidates);
  }
}
