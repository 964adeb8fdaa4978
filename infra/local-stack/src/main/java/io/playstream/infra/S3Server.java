package io.playstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A running local S3 API server, as returned by {@link S3ProxyLauncher#start()}: either started
 * just now or found running from an earlier start ({@link #reused()}). Objects stay on disk after
 * {@link #stop()}; a later start serves them again.
 */
public final class S3Server extends ProcessComponent {
  private final S3ProxyLauncher.Settings settings;
  private final Path dataDir;

  S3Server(
      ManagedProcess process, S3ProxyLauncher.Settings settings, Path dataDir, boolean reused) {
    super(process, reused, settings.stopTimeout());
    this.settings = settings;
    this.dataDir = dataDir;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return settings.endpoint();
  }

  /** The access key id the server accepts. */
  public String accessKey() {
    return settings.accessKey();
  }

  /** The file holding the secret key the server accepts. */
  public Path secretKeyFile() {
    return settings.secretKeyFile();
  }

  /** The region clients sign for. */
  public String region() {
    return settings.region();
  }

  /** The bucket created at start (null when none was asked for). */
  public String bucket() {
    return settings.bucket();
  }

  /**
   * S3 settings for Iceberg's S3 client against this server (path-style access, this server's
   * keys), for {@link IcebergCatalogSettings}.
   */
  public IcebergCatalogSettings.S3 icebergS3() {
    return IcebergCatalogSettings.S3.compatible(endpoint(), region(), accessKey(), secretKeyFile());
  }

  /** The folder the filesystem backend keeps a bucket's objects in (one file per object). */
  public Path bucketDir(String bucket) {
    return dataDir.resolve(bucket);
  }

  /**
   * Creates a bucket through the S3 API unless it exists.
   *
   * @return true when this call created it
   */
  public boolean createBucket(String bucket) throws InterruptedException {
    try {
      return new S3Requests(endpoint(), accessKey(), S3Secret.loadOrCreate(secretKeyFile()))
          .createBucketIfMissing(bucket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create bucket " + bucket + " on " + endpoint(), e);
    }
  }

  @Override
  public String toString() {
    return "S3 API server at " + endpoint() + " (" + process() + ")";
  }
}
