package io.playstream.services.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the HMAC secret shared by the services and the token issuer. Secrets come only from a file
 * or the environment, never from the command line or code.
 */
public final class Secrets {
  /** Environment variable holding the secret itself when no file is given. */
  public static final String AUTH_SECRET_ENV = "PLAYSTREAM_AUTH_SECRET";

  /** The HMAC-SHA256 secret must be at least this long (as {@link TokenIssuer} requires). */
  public static final int MIN_SECRET_BYTES = 32;

  private Secrets() {}

  /**
   * The secret: the raw bytes of the file when a file is given (the local stack writes 48 random
   * bytes there), else the UTF-8 bytes of {@value #AUTH_SECRET_ENV}. Nothing is trimmed: the token
   * issuer must read the same file the same way.
   *
   * @throws IllegalArgumentException when neither is set or the secret is shorter than 32 bytes
   */
  public static byte[] authSecret(Path file, Map<String, String> env) {
    byte[] secret;
    String source;
    if (file != null) {
      try {
        secret = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read auth secret file " + file, e);
      }
      source = file.toString();
    } else {
      String value = env.get(AUTH_SECRET_ENV);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(
            "no auth secret: pass --auth-secret-file or set " + AUTH_SECRET_ENV);
      }
      secret = value.getBytes(StandardCharsets.UTF_8);
      source = AUTH_SECRET_ENV;
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "auth secret from " + source + " has " + secret.length + " bytes, needs at least 32");
    }
    return secret;
  }
}
