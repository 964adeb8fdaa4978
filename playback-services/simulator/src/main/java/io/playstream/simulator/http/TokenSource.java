package io.playstream.simulator.http;

import io.playstream.services.common.TokenIssuer;
import io.playstream.simulator.model.Account;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens for the simulated accounts (scope {@code play}, the account's profiles), issued
 * with {@link TokenIssuer} and renewed when half their lifetime has passed. Thread-safe.
 */
public final class TokenSource {
  /** Subject of the token sent with CDN health reports and catalog reads. */
  public static final String SIMULATOR_SUBJECT = "playstream-simulator";

  static final Duration TTL = Duration.ofHours(1);

  private final TokenIssuer issuer;
  private final Map<String, List<String>> profilesByAccount;
  private final Clock clock;
  private final Map<String, Issued> cache = new ConcurrentHashMap<>();

  private record Issued(String token, Instant renewAfter) {}

  public TokenSource(TokenIssuer issuer, List<Account> accounts, Clock clock) {
    this.issuer = issuer;
    this.profilesByAccount = new ConcurrentHashMap<>();
    accounts.forEach(a -> profilesByAccount.put(a.accountId(), a.profileIds()));
    this.clock = clock;
  }

  /** The current token of an account; an unknown account (or null) gets the simulator's own. */
  public String tokenFor(String accountId) {
    String subject = accountId == null ? SIMULATOR_SUBJECT : accountId;
    Instant now = clock.instant();
    Issued issued = cache.get(subject);
    if (issued == null || now.isAfter(issued.renewAfter())) {
      List<String> profiles = profilesByAccount.getOrDefault(subject, List.of());
      issued =
          new Issued(
              issuer.issue(subject, profiles, List.of(TokenIssuer.SCOPE_PLAY), TTL),
              now.plus(TTL.dividedBy(2)));
      cache.put(subject, issued);
    }
    return issued.token();
  }
}
