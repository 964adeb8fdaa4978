package io.playstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The S3 secret key of {@link PlatformOptions#S3_SECRET_KEY_FILE}: text in a file (never in code or
 * config). For the local S3 server it is created on first use with random letters and digits and
 * owner-only permissions.
 */
public final class S3Secret {
  /** Length of a generated secret, in characters. */
  public static final int GENERATED_LENGTH = 40;

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private S3Secret() {}

  /**
   * Reads the secret (trimmed), first creating the file with {@value #GENERATED_LENGTH} random
   * characters and mode 0600 (its folder 0700) if it does not exist.
   *
   * @throws IllegalStateException when an existing file is empty
   */
  public static String loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (secret.isEmpty()) {
        throw new IllegalStateException(
            "S3 secret key file " + file + " is empty (delete it to have a new one generated)");
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the S3 secret key file " + file, e);
    }
  }

  static String generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
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
    Path tmp =
        posix
            ? Files.createTempFile(
                dir,
                ".s3",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, ".s3", ".tmp");
    try {
      Files.writeString(tmp, generate() + "\n", StandardCharsets.UTF_8);
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
