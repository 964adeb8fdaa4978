package io.playstream.spark;

import io.playstream.infra.IcebergCatalogSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The catalog options every main of this module takes (a picocli mixin). They describe the same
 * catalog as the platform's {@link IcebergCatalogSettings}; {@link #args(IcebergCatalogSettings)}
 * renders settings back into these options, so a launcher and the main agree on one spelling. The
 * S3 secret key travels as a file name, never as a value on the command line.
 */
public final class CatalogOptions {
  @Option(
      names = "--catalog-name",
      required = true,
      description = "Iceberg catalog name (the same as the writers use).")
  String name;

  @Option(
      names = "--catalog-uri",
      required = true,
      description = "JDBC URL of the catalog (jdbc:sqlite:FILE or jdbc:postgresql://...).")
  String uri;

  @Option(
      names = "--warehouse",
      required = true,
      description = "Warehouse location (file:///... or s3://bucket/path).")
  String warehouse;

  @Option(
      names = "--namespace",
      required = true,
      description = "Namespace of the tables (the current namespace of the session).")
  String namespace;

  @Option(
      names = "--s3-endpoint",
      description = "S3 API endpoint (omit for AWS S3, which is found from the region).")
  URI s3Endpoint;

  @Option(names = "--s3-region", defaultValue = "us-east-1", description = "S3 region.")
  String s3Region;

  @Option(
      names = "--s3-access-key",
      description = "S3 access key id (omit to use the AWS default credentials chain).")
  String s3AccessKey;

  @Option(names = "--s3-secret-key-file", description = "File holding the S3 secret key.")
  Path s3SecretKeyFile;

  @Option(
      names = "--s3-path-style",
      negatable = true,
      description =
          "Path-style S3 URLs (http://host/bucket/key); default: on when --s3-endpoint is given.")
  Boolean s3PathStyle;

  /** The settings these options describe. */
  public IcebergCatalogSettings settings() {
    IcebergCatalogSettings.S3 s3 = null;
    if (IcebergCatalogSettings.isS3(warehouse) || s3Endpoint != null) {
      boolean pathStyle = s3PathStyle != null ? s3PathStyle : s3Endpoint != null;
      s3 =
          new IcebergCatalogSettings.S3(
              s3Endpoint, s3Region, s3AccessKey, s3SecretKeyFile, pathStyle);
    }
    return new IcebergCatalogSettings(name, uri, warehouse, namespace, s3);
  }

  /** The command-line options that describe {@code settings} to a main of this module. */
  public static List<String> args(IcebergCatalogSettings settings) {
    List<String> a = new ArrayList<>();
    a.add("--catalog-name=" + settings.name());
    a.add("--catalog-uri=" + settings.uri());
    a.add("--warehouse=" + settings.warehouse());
    a.add("--namespace=" + settings.namespace());
    IcebergCatalogSettings.S3 s3 = settings.s3();
    if (s3 != null) {
      if (s3.endpoint() != null) {
        a.add("--s3-endpoint=" + s3.endpoint());
      }
      a.add("--s3-region=" + s3.region());
      if (s3.accessKey() != null) {
        a.add("--s3-access-key=" + s3.accessKey());
        a.add("--s3-secret-key-file=" + s3.secretKeyFile().toAbsolutePath());
      }
      a.add(s3.pathStyleAccess() ? "--s3-path-style" : "--no-s3-path-style");
    }
    return a;
  }
}
