package io.playstream.services.common;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Issues HMAC-SHA256 signed bearer tokens (JWT) that the services verify. Claims: {@code sub} =
 * account id, {@code profiles} = profile ids the account owns, {@code scope} = space-separated
 * scopes ({@code play}, {@code catalog:write}), {@code exp}.
 *
 * <p>In production an identity service would issue these; locally the simulator and tests do.
 */
public final class TokenIssuer {
  public static final String ISSUER = "playstream";
  public static final String CLAIM_PROFILES = "profiles";
  public static final String CLAIM_SCOPE = "scope";
  public static final String SCOPE_PLAY = "play";
  public static final String SCOPE_CATALOG_WRITE = "catalog:write";

  private final Algorithm algorithm;

  public TokenIssuer(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 32) {
      throw new IllegalArgumentException("the HMAC secret must be at least 32 bytes");
    }
    this.algorithm = Algorithm.HMAC256(secret);
  }

  /** A token for an account owning the given profiles, valid for {@code ttl}. */
  public String issue(String accountId, List<String> profiles, List<String> scopes, Duration ttl) {
    Instant now = Instant.now();
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(accountId)
        .withClaim(CLAIM_PROFILES, profiles)
        .withClaim(CLAIM_SCOPE, String.join(" ", scopes))
        .withIssuedAt(now)
        .withExpiresAt(now.plus(ttl))
        .sign(algorithm);
  }
}
