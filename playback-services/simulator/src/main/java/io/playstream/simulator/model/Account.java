package io.playstream.simulator.model;

import java.util.List;

/**
 * An account: the subject of a bearer token and the owner of one to four profiles.
 *
 * @param accountId account id
 * @param profileIds its profiles
 */
public record Account(String accountId, List<String> profileIds) {
  public Account {
    profileIds = List.copyOf(profileIds);
  }
}
