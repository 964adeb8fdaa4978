package io.playstream.infra.testing;

import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.infra.Ports;
import io.playstream.infra.S3ProxyLauncher;
import io.playstream.infra.S3Server;
import io.playstream.infra.StateLayout;
import java.net.URI;
import java.nio.file.Path;

/**
 * A real S3 API server (s3proxy in its own JVM, see {@link S3ProxyLauncher}) for integration tests,
 * started once per test JVM and shared by every test class that registers the extension:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalS3Extension S3 = LocalS3Extension.shared();
 * }</pre>
 *
 * <p>The server binds a free port on 127.0.0.1, keeps its objects and its generated secret key in a
 * temporary state folder, has bucket {@value #BUCKET} created, and is stopped, and its folder
 * deleted, when the test run ends (through the root extension store, with a JVM shutdown hook as a
 * backstop).
 *
 * <p>Needs {@code junit-jupiter-api} on the test classpath ({@code local-stack} declares it {@code
 * provided}).
 */
public final class LocalS3Extension extends SharedComponentExtension<S3ProxyLauncher, S3Server> {
  /** The bucket created at start. */
  public static final String BUCKET = "playstream-test";

  private static final LocalS3Extension SHARED = new LocalS3Extension();

  private LocalS3Extension() {
    super("S3 server", "s3", S3ProxyLauncher::start, S3Server::isAlive, S3Server::stop);
  }

  /** The one S3 server of this test JVM. */
  public static LocalS3Extension shared() {
    return SHARED;
  }

  /** The running server. */
  public S3Server server() {
    return component();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return server().endpoint();
  }

  /** The bucket created at start ({@value #BUCKET}). */
  public String bucket() {
    return BUCKET;
  }

  /** {@code s3://<bucket>/<path>}: a warehouse location in the test bucket. */
  public String location(String path) {
    return "s3://" + BUCKET + "/" + path;
  }

  /** S3 settings for Iceberg's S3 client against this server. */
  public IcebergCatalogSettings.S3 icebergS3() {
    return server().icebergS3();
  }

  /** The folder that holds a bucket's objects (one file per object). */
  public Path bucketDir(String bucket) {
    return server().bucketDir(bucket);
  }

  @Override
  S3ProxyLauncher newLauncher(StateLayout layout) {
    return new S3ProxyLauncher(
        layout,
        S3ProxyLauncher.Settings.forTest(
            Ports.freePort(), BUCKET, layout.root().resolve("secrets/s3.key")));
  }
}
