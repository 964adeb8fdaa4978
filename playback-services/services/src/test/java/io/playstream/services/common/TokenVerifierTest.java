package io.playstream.services.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.services.testing.TestTokens;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
  private final TokenVerifier verifier =
      new TokenVerifier(TestTokens.SECRET_BYTES, Clock.systemUTC());

  @Test
  void acceptsAValidTokenAndReadsItsClaims() {
    Caller caller =
        verifier.verify("Bearer " + TestTokens.play("acct-1", "p1", "p2"), TokenIssuer.SCOPE_PLAY);

    assertThat(caller.accountId()).isEqualTo("acct-1");
    assertThat(caller.profiles()).containsExactly("p1", "p2");
    assertThat(caller.scopes()).containsExactly(TokenIssuer.SCOPE_PLAY);
    caller.requireProfile("p2");
  }

  @Test
  void missingHeaderIs401() {
    assertStatus(null, TokenIssuer.SCOPE_PLAY, 401, "missing bearer token");
    assertStatus("Basic abc", TokenIssuer.SCOPE_PLAY, 401, "Bearer");
  }

  @Test
  void forgedExpiredAndGarbageTokensAre401WithTheReason() {
    assertStatus(
        "Bearer " + TestTokens.forgedPlay("a", "p"), TokenIssuer.SCOPE_PLAY, 401, "signature");
    assertStatus(
        "Bearer " + TestTokens.expiredPlay("a", "p"), TokenIssuer.SCOPE_PLAY, 401, "expired");
    assertStatus("Bearer not.a.jwt", TokenIssuer.SCOPE_PLAY, 401, "malformed");
  }

  @Test
  void missingScopeOrProfileIs403() {
    assertStatus(
        "Bearer " + TestTokens.play("a", "p"), TokenIssuer.SCOPE_CATALOG_WRITE, 403, "scope");
    Caller caller = verifier.verify("Bearer " + TestTokens.play("a", "p"), TokenIssuer.SCOPE_PLAY);
    assertThatThrownBy(() -> caller.requireProfile("other"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.field()).isEqualTo("profile_id");
            });
  }

  private void assertStatus(String header, String scope, int status, String text) {
    assertThatThrownBy(() -> verifier.verify(header, scope))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.getMessage()).contains(text);
            });
  }
}
