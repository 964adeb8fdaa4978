package io.playstream.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the keyed hash that projections apply to personal fields: HMAC-SHA256, written as 64
 * lower-case hex digits. The same key on every router instance gives the same hashes, so hashed ids
 * still join; without the key a hash cannot be reversed by guessing inputs (client IPs, ids).
 *
 * <p>The key comes from a file (its raw bytes) or from environment variable {@value #ENV} (its
 * UTF-8 bytes), never from code or configuration in git. At least {@value #MIN_BYTES} bytes.
 * Thread-safe.
 */
public final class HashKey {
  public static final String ENV = "PLAYSTREAM_ROUTER_HASH_KEY";
  public static final int MIN_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  private HashKey(byte[] bytes) {
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "the hash key has " + bytes.length + " bytes; at least " + MIN_BYTES + " are needed");
    }
    this.key = new SecretKeySpec(bytes.clone(), ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** A key from raw bytes (tests, tools). */
  public static HashKey of(byte[] bytes) {
    return new HashKey(bytes);
  }

  /** A key from a file's bytes (a trailing line break is not part of the key). */
  public static HashKey fromFile(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      int n = bytes.length;
      while (n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r')) {
        n--;
      }
      return new HashKey(Arrays.copyOf(bytes, n));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read hash key file " + file, e);
    }
  }

  /**
   * The key from the file if given, else from {@value #ENV}.
   *
   * @throws IllegalArgumentException when neither is set
   */
  public static HashKey load(Path file, Map<String, String> env) {
    if (file != null) {
      return fromFile(file);
    }
    String value = env.get(ENV);
    if (value != null && !value.isEmpty()) {
      return new HashKey(value.getBytes(StandardCharsets.UTF_8));
    }
    throw new IllegalArgumentException(
        "no hash key: pass --hash-key-file FILE or set "
            + ENV
            + " (at least "
            + MIN_BYTES
            + " bytes)");
  }

  /** HMAC-SHA256 of the value's UTF-8 bytes, as 64 lower-case hex digits. */
  public String hash(String value) {
    Mac mac = macs.get();
    return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "HashKey[HmacSHA256, " + key.getEncoded().length + " bytes]";
  }
}
