package io.playstream.services.common;

import java.util.List;
import java.util.Set;

/**
 * The verified identity behind a request.
 *
 * @param accountId the token subject
 * @param profiles profile ids the account owns
 * @param scopes granted scopes
 */
public record Caller(String accountId, List<String> profiles, Set<String> scopes) {
  public Caller {
    profiles = List.copyOf(profiles);
    scopes = Set.copyOf(scopes);
  }

  /**
   * Checks that the account owns a profile.
   *
   * @throws ApiException 403 naming {@code profile_id} when it does not
   */
  public void requireProfile(String profileId) {
    if (!profiles.contains(profileId)) {
      throw ApiException.forbidden(
          "profile " + profileId + " does not belong to account " + accountId, "profile_id");
    }
  }
}
