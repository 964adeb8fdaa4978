package io.playstream.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.infra.S3ProxyLauncher;
import io.playstream.infra.S3Server;
import io.playstream.infra.StateLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real s3proxy process started by {@link LocalS3Extension}. */
class LocalS3IT {
  @RegisterExtension static final LocalS3Extension S3 = LocalS3Extension.shared();

  @Test
  void serverIsUpWithItsBucketAndRefusesUnsignedRequests() throws Exception {
    S3Server server = S3.server();
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/" + S3.bucket())).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(server.endpoint().toString()).startsWith("http://127.0.0.1:");
    assertThat(S3.bucketDir(S3.bucket())).isDirectory();
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.secretKeyFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void createsBucketsThroughTheApiOnce() throws Exception {
    assertThat(S3.server().createBucket("another-bucket")).isTrue();
    assertThat(S3.server().createBucket("another-bucket")).isFalse();
    assertThat(S3.bucketDir("another-bucket")).isDirectory();
  }

  @Test
  void aSecondLauncherOnTheSameStateReusesTheRunningServer() throws Exception {
    S3Server running = S3.server();
    Path state = running.logFile().getParent().getParent();
    S3ProxyLauncher again =
        new S3ProxyLauncher(
            new StateLayout(state),
            S3ProxyLauncher.Settings.forTest(
                running.endpoint().getPort(), S3.bucket(), running.secretKeyFile()));

    S3Server reused = again.start();

    assertThat(reused.reused()).isTrue();
    assertThat(reused.pid()).isEqualTo(running.pid());
  }

  @Test
  void aRunningServerWithOtherKeysIsReportedNotReused() throws Exception {
    S3Server running = S3.server();
    Path state = running.logFile().getParent().getParent();
    Path otherKey = Files.createTempFile("other", ".key");
    Files.writeString(otherKey, "not-the-credential");
    S3ProxyLauncher other =
        new S3ProxyLauncher(
            new StateLayout(state),
            S3ProxyLauncher.Settings.forTest(running.endpoint().getPort(), null, otherKey));

    assertThatThrownBy(other::start).hasMessageContaining("refuses the configured keys");
    assertThat(running.isAlive()).isTrue();
  }
}
