package io.playstream.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.playstream.infra.IcebergCatalogSettings;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CatalogOptionsTest {
  private static IcebergCatalogSettings parse(java.util.List<String> args) {
    CatalogOptions options = new CatalogOptions();
    new CommandLine(options).parseArgs(args.toArray(String[]::new));
    return options.settings();
  }

  @Test
  void localSettingsSurviveTheCommandLine() {
    IcebergCatalogSettings local =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:sqlite:/state/data/iceberg/catalog.db",
            "file:///state/data/iceberg/warehouse",
            "playstream",
            null);

    assertThat(CatalogOptions.args(local))
        .containsExactly(
            "--catalog-name=playstream",
            "--catalog-uri=jdbc:sqlite:/state/data/iceberg/catalog.db",
            "--warehouse=file:///state/data/iceberg/warehouse",
            "--namespace=playstream");
    assertThat(parse(CatalogOptions.args(local))).isEqualTo(local);
  }

  @Test
  void s3SettingsSurviveTheCommandLineWithTheSecretAsAFileName() {
    IcebergCatalogSettings s3 =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:sqlite:/c.db",
            "s3://lake/warehouse",
            "playstream",
            IcebergCatalogSettings.S3.compatible(
                URI.create("http://127.0.0.1:9000"),
                "us-east-1",
                "playstream",
                Path.of("/state/secrets/s3.key")));

    assertThat(CatalogOptions.args(s3))
        .contains(
            "--s3-endpoint=http://127.0.0.1:9000",
            "--s3-access-key=playstream",
            "--s3-secret-key-file=/state/secrets/s3.key",
            "--s3-path-style");
    assertThat(parse(CatalogOptions.args(s3))).isEqualTo(s3);
  }

  @Test
  void awsWithDefaultCredentialsNeedsNoKeys() {
    IcebergCatalogSettings aws =
        new IcebergCatalogSettings(
            "playstream",
            "jdbc:postgresql://db/iceberg",
            "s3://company-lake/playstream",
            "playstream",
            new IcebergCatalogSettings.S3(null, "eu-west-1", null, null, false));

    assertThat(parse(CatalogOptions.args(aws))).isEqualTo(aws);
  }
}
