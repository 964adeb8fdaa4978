package io.playstream.infra.testing;

import io.playstream.infra.IcebergCatalogSettings;
import io.playstream.infra.Ports;
import io.playstream.infra.S3ProxyLauncher;
import io.playstream.infra.S3Server;
import io.playstream.infra.StateLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class LocalS3Extension implements BeforeAllCallback, BeforeEachCallback {
  /** The bucket created at start. */
  public static final String BUCKET = "playstream-test";

  private static final Logger LOG = LoggerFactory.getLogger(LocalS3Extension.class);
  private static final LocalS3Extension SHARED = new LocalS3Extension();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalS3Extension.class);

  private Path stateDir;
  private S3ProxyLauncher launcher;
  private S3Server server;
  private boolean closed;

  private LocalS3Extension() {}

  /** The one S3 server of this test JVM. */
  public static LocalS3Extension shared() {
    return SHARED;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ensureStarted(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    ensureStarted(context);
  }

  /** The running server. */
  public synchronized S3Server server() {
    requireStarted();
    return server;
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

  private synchronized void ensureStarted(ExtensionContext context) throws Exception {
    if (closed) {
      throw new IllegalStateException("the shared S3 server was already shut down");
    }
    if (launcher == null) {
      stateDir = Files.createTempDirectory("playstream-s3-test-");
      launcher =
          new S3ProxyLauncher(
              new StateLayout(stateDir),
              S3ProxyLauncher.Settings.forTest(
                  Ports.freePort(), BUCKET, stateDir.resolve("secrets/s3.key")));
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::shutdown, "playstream-s3-test-shutdown"));
      context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent("s3", k -> (AutoCloseable) this::shutdown);
    }
    if (server == null || !server.isAlive()) {
      server = launcher.start();
    }
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException(
          "the S3 server is not started yet: register the extension with @RegisterExtension on"
              + " a static field");
    }
  }

  private synchronized void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null && server.isAlive()) {
      server.stop();
    }
    deleteTree(stateDir);
    LOG.info("test S3 server stopped and {} deleted", stateDir);
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot delete {}: {}", dir, e.toString());
    }
  }
}
