package io.playstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The token signing secret of the platform: the raw bytes of {@link
 * PlatformOptions#AUTH_SECRET_FILE}. It lives in a file (never in code or config), created on first
 * use with random bytes and owner-only permissions.
 */
public final class AuthSecret {
  /** Length of a generated secret, in bytes. */
  public static final int GENERATED_LENGTH = 48;

  /** Shortest secret accepted from an existing file (HMAC-SHA256 wants at least 32 bytes). */
  public static final int MIN_LENGTH = 32;

  private AuthSecret() {}

  /** Reads the secret named by the config, creating it first if missing. */
  public static byte[] loadOrCreate(PlatformConfig config) {
    return loadOrCreate(config.get(PlatformOptions.AUTH_SECRET_FILE));
  }

  /**
   * Reads the secret file, first creating it with {@value #GENERATED_LENGTH} random bytes and mode
   * 0600 (its folder 0700) if it does not exist.
   *
   * @throws IllegalStateException when an existing file holds fewer than {@value #MIN_LENGTH} bytes
   */
  public static byte[] loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] secret = Files.readAllBytes(file);
      if (secret.length < MIN_LENGTH) {
        throw new IllegalStateException(
            "auth secret "
                + file
                + " holds "
                + secret.length
                + " bytes; at least "
                + MIN_LENGTH
                + " are needed (delete it to have a new one generated)");
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the auth secret " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix && !Files.exists(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
    byte[] secret = new byte[GENERATED_LENGTH];
    new SecureRandom().nextBytes(secret);
    Path tmp =
        posix
            ? Files.createTempFile(
                dir,
                ".auth",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, ".auth", ".tmp");
    try {
      Files.write(tmp, secret);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file);
      }
    } catch (FileAlreadyExistsException e) {
      // another process created it first: theirs wins
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
