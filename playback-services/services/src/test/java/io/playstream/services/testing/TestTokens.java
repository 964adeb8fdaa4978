package io.playstream.services.testing;

import io.playstream.services.common.Secrets;
import io.playstream.services.common.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The shared test secret and tokens made with it. */
public final class TestTokens {
  public static final String SECRET = "test-secret-of-at-least-thirty-two-bytes-0123456789";
  public static final byte[] SECRET_BYTES = SECRET.getBytes(StandardCharsets.UTF_8);
  public static final Map<String, String> ENV = Map.of(Secrets.AUTH_SECRET_ENV, SECRET);

  private static final TokenIssuer ISSUER = new TokenIssuer(SECRET_BYTES);
  private static final TokenIssuer FORGER =
      new TokenIssuer(
          "another-secret-of-at-least-thirty-two-bytes-xyz".getBytes(StandardCharsets.UTF_8));

  private TestTokens() {}

  /** A play token for an account owning the profiles. */
  public static String play(String account, String... profiles) {
    return ISSUER.issue(
        account, List.of(profiles), List.of(TokenIssuer.SCOPE_PLAY), Duration.ofHours(1));
  }

  /** A catalog writer token. */
  public static String catalogWriter() {
    return ISSUER.issue(
        "editor", List.of(), List.of(TokenIssuer.SCOPE_CATALOG_WRITE), Duration.ofHours(1));
  }

  /** A play token signed with another secret. */
  public static String forgedPlay(String account, String... profiles) {
    return FORGER.issue(
        account, List.of(profiles), List.of(TokenIssuer.SCOPE_PLAY), Duration.ofHours(1));
  }

  /** A play token that expired a minute ago. */
  public static String expiredPlay(String account, String... profiles) {
    return ISSUER.issue(
        account, List.of(profiles), List.of(TokenIssuer.SCOPE_PLAY), Duration.ofMinutes(-1));
  }
}
