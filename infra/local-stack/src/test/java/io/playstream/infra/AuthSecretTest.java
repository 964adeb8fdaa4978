package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthSecretTest {
  @TempDir Path dir;

  @Test
  void missingSecretIsCreatedOwnerOnlyAndThenReused() throws Exception {
    Path file = dir.resolve("secrets/auth.key");

    byte[] first = AuthSecret.loadOrCreate(file);
    byte[] second = AuthSecret.loadOrCreate(file);

    assertThat(first).hasSize(AuthSecret.GENERATED_LENGTH).isEqualTo(second);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void tooShortSecretIsRejected() throws Exception {
    Path file = Files.write(dir.resolve("auth.key"), new byte[8]);

    assertThatThrownBy(() -> AuthSecret.loadOrCreate(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("8 bytes");
  }

  @Test
  void secretFileComesFromTheConfig() {
    PlatformConfig config = PlatformConfig.builder(dir).environment(Map.of()).build();

    byte[] secret = AuthSecret.loadOrCreate(config);

    assertThat(secret).hasSize(AuthSecret.GENERATED_LENGTH);
    assertThat(dir.resolve(".playstream/secrets/auth.key")).exists();
  }
}
