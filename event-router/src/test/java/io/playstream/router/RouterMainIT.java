package io.playstream.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playstream.infra.JavaProcess;
import io.playstream.infra.ManagedProcess;
import io.playstream.infra.ProcessSupervisor;
import io.playstream.infra.RuntimeClasspath;
import io.playstream.infra.StateLayout;
import io.playstream.infra.testing.LocalKafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** RouterMain as a child JVM, the way the CLI starts it: READY line, health, clean SIGTERM. */
class RouterMainIT {
  @RegisterExtension static final LocalKafkaExtension KAFKA = LocalKafkaExtension.shared();

  @Test
  void startsPrintsReadyAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
    RouterOptions options =
        RouterOptions.defaults()
            .withBootstrapServers(KAFKA.bootstrapServers())
            .withApplicationId("router-main-it-" + UUID.randomUUID())
            .withInstanceId("main-it")
            .withStateDir(dir.resolve("state"))
            .withHttpPort(0);
    ProcessSupervisor supervisor = new ProcessSupervisor(new StateLayout(dir.resolve("stack")));
    ManagedProcess router =
        supervisor.start(
            JavaProcess.builder("router", RouterMain.class.getName())
                .classpath(RuntimeClasspath.ofCurrentJvm())
                .jvmArgs("-Xmx256m")
                .env(HashKey.ENV, "a-key-from-the-environment-32-bytes")
                .args(options.toArgs())
                .build());
    try {
      String[] url = new String[1];
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                assertThat(router.isAlive())
                    .as("router alive; log: %s", router.logTail(30))
                    .isTrue();
                Optional<String> ready =
                    router.logTail(200).stream()
                        .filter(l -> l.startsWith("READY router http://127.0.0.1:"))
                        .findFirst();
                ready.ifPresent(l -> url[0] = l.substring("READY router ".length()));
                return ready.isPresent();
              });
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url[0] + "/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(router.stop(Duration.ofSeconds(30))).as("exited within the grace period").isTrue();
      assertThat(router.exitValue().getAsInt()).isIn(0, 143); // 143 = 128 + SIGTERM
      assertThat(router.logTail(50)).contains("STOPPED router main-it");
    } finally {
      if (router.isAlive()) {
        router.kill();
      }
    }
  }
}
