package io.playstream.services.common;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies the bearer tokens {@link TokenIssuer} creates: HMAC-SHA256 signature, issuer {@value
 * TokenIssuer#ISSUER}, expiry against the injected clock (5 s leeway), then the required scope.
 * Failures are {@link ApiException}s: 401 with the reason for a missing, malformed, forged or
 * expired token, 403 for a valid token without the scope.
 */
public final class TokenVerifier {
  private static final String BEARER = "Bearer ";
  private static final long LEEWAY_SECONDS = 5;

  private final JWTVerifier verifier;

  public TokenVerifier(byte[] secret, Clock clock) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(clock, "clock");
    JWTVerifier.BaseVerification verification =
        (JWTVerifier.BaseVerification)
            JWT.require(Algorithm.HMAC256(secret))
                .withIssuer(TokenIssuer.ISSUER)
                .acceptLeeway(LEEWAY_SECONDS);
    this.verifier = verification.build(clock);
  }

  /**
   * Verifies an {@code Authorization} header value.
   *
   * @param authorization the header value, possibly null
   * @param requiredScope a scope the token must grant
   * @return who is calling
   * @throws ApiException 401 or 403
   */
  public Caller verify(String authorization, String requiredScope) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiException.unauthorized("missing bearer token");
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw ApiException.unauthorized("Authorization header is not 'Bearer <token>'");
    }
    String token = authorization.substring(BEARER.length()).trim();
    DecodedJWT jwt;
    try {
      jwt = verifier.verify(token);
    } catch (TokenExpiredException e) {
      throw ApiException.unauthorized("token expired at " + e.getExpiredOn());
    } catch (SignatureVerificationException | AlgorithmMismatchException e) {
      throw ApiException.unauthorized("bad token signature");
    } catch (JWTDecodeException e) {
      throw ApiException.unauthorized("malformed token: " + e.getMessage());
    } catch (IncorrectClaimException | MissingClaimException e) {
      throw ApiException.unauthorized("token rejected: " + e.getMessage());
    } catch (JWTVerificationException e) {
      throw ApiException.unauthorized("token rejected: " + e.getMessage());
    }
    String subject = jwt.getSubject();
    if (subject == null || subject.isBlank()) {
      throw ApiException.unauthorized("token has no subject");
    }
    String scopeClaim = jwt.getClaim(TokenIssuer.CLAIM_SCOPE).asString();
    Set<String> scopes =
        scopeClaim == null
            ? Set.of()
            : Arrays.stream(scopeClaim.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    if (!scopes.contains(requiredScope)) {
      throw ApiException.forbidden("token lacks scope '" + requiredScope + "'", null);
    }
    List<String> profiles = jwt.getClaim(TokenIssuer.CLAIM_PROFILES).asList(String.class);
    return new Caller(subject, profiles == null ? List.of() : profiles, scopes);
  }
}
