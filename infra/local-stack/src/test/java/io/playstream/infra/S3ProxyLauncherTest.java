package io.playstream.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ProxyLauncherTest {
  @TempDir Path root;

  @Test
  void propertiesDescribeASignedFilesystemBackedServer() {
    S3ProxyLauncher.Settings settings =
        S3ProxyLauncher.Settings.forTest(19000, "b", root.resolve("s3.key"));

    Map<String, String> p = S3ProxyLauncher.properties(Path.of("/state/data/s3"), settings, "sec");

    assertThat(p)
        .containsExactly(
            Map.entry("s3proxy.endpoint", "http://127.0.0.1:19000"),
            Map.entry("s3proxy.authorization", "aws-v2-or-v4"),
            Map.entry("s3proxy.identity", "playstream-test"),
            Map.entry("s3proxy.credential", "sec"),
            Map.entry("jclouds.provider", "filesystem"),
            Map.entry("jclouds.filesystem.basedir", "/state/data/s3"));
    assertThat(S3ProxyLauncher.render(p)).contains("s3proxy.endpoint=http://127.0.0.1:19000\n");
  }

  @Test
  void settingsFollowThePlatformConfig() {
    PlatformConfig config =
        PlatformConfig.builder(root)
            .environment(
                Map.of("PLAYSTREAM_S3_LOCAL_PORT", "19001", "PLAYSTREAM_S3_BUCKET", "lake"))
            .build();

    S3ProxyLauncher launcher = S3ProxyLauncher.of(config);

    assertThat(launcher.endpoint()).isEqualTo(URI.create("http://127.0.0.1:19001"));
    assertThat(launcher.settings().bucket()).isEqualTo("lake");
    assertThat(launcher.settings().accessKey()).isEqualTo("playstream");
    assertThat(launcher.settings().secretKeyFile())
        .isEqualTo(root.resolve(".playstream/secrets/s3.key"));
    assertThat(launcher.dataDir()).isEqualTo(root.resolve(".playstream/data/s3"));
  }

  @Test
  void signatureV2MatchesTheAwsDocumentationExample() {
    // "Object GET" example of the AWS signature version 2 documentation
    S3Requests s3 =
        new S3Requests(
            URI.create("http://127.0.0.1:1"),
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    assertThat(s3.sign("GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg"))
        .isEqualTo("bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
  }

  @Test
  void theDateTravelsInXAmzDateSoTheDateLineIsEmpty() {
    assertThat(S3Requests.stringToSign("PUT", "Tue, 27 Mar 2007 21:20:26 GMT", "/bucket"))
        .isEqualTo("PUT\n\n\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 GMT\n/bucket");
  }
}
