package io.playstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a real S3 API server, <a href="https://github.com/gaul/s3proxy">s3proxy</a> with its
 * filesystem backend, as its own JVM from the classpath shipped by {@code infra/s3proxy-runtime},
 * so the Iceberg warehouse can live on S3 on a laptop and in tests.
 *
 * <p>{@link #start()} writes {@code conf/s3/s3proxy.conf} (mode 0600: it holds the credential) and
 * the logback config, starts {@code org.gaul.s3proxy.Main --properties <file>} with objects under
 * {@code data/s3/<bucket>/}, waits until a signed ListBuckets answers 200, and creates the
 * configured bucket if it is missing. The identity is {@code s3.access-key}; the credential is read
 * from {@code s3.secret-key-file}, which is created (random, mode 0600) when missing. Requests must
 * be signed (AWS signature v2 or v4). A server left running for the same state folder is reused.
 */
public final class S3ProxyLauncher {
  /** Component name: {@code logs/s3.log}, {@code pids/s3.pid}, {@code data/s3/}. */
  public static final String COMPONENT = "s3";

  /** s3proxy's main class. */
  public static final String MAIN_CLASS = "org.gaul.s3proxy.Main";

  /** Name of the runtime classpath resource ({@code playstream-runtime/s3proxy.classpath}). */
  public static final String RUNTIME = "s3proxy";

  /** The server's logback config, shipped by {@code infra/s3proxy-runtime}. */
  public static final String LOGBACK_RESOURCE = "s3proxy-logback.xml";

  /** Heap of the server (it streams objects to files; about 110 MB RSS seen). */
  public static final String DEFAULT_HEAP = "256m";

  private static final Logger LOG = LoggerFactory.getLogger(S3ProxyLauncher.class);
  private static final int LOG_TAIL_LINES = 30;
  private static final Duration POLL = Duration.ofMillis(100);
  private static final String NAME = "the S3 server";

  /**
   * What the launcher starts.
   *
   * @param port port of the S3 API on 127.0.0.1
   * @param heap maximum heap, as {@code -Xmx} takes it
   * @param bucket bucket created once the server answers (null: none)
   * @param region region clients sign for (s3proxy accepts any; {@code us-east-1} is usual)
   * @param accessKey identity (access key id) the server accepts
   * @param secretKeyFile file with the credential (secret key); created when missing
   * @param startTimeout how long to wait for the server to answer
   * @param stopTimeout grace period after SIGTERM
   */
  public record Settings(
      int port,
      String heap,
      String bucket,
      String region,
      String accessKey,
      Path secretKeyFile,
      Duration startTimeout,
      Duration stopTimeout) {
    public Settings {
      Objects.requireNonNull(heap, "heap");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(accessKey, "accessKey");
      Objects.requireNonNull(secretKeyFile, "secretKeyFile");
      Objects.requireNonNull(startTimeout, "startTimeout");
      Objects.requireNonNull(stopTimeout, "stopTimeout");
      if (accessKey.isBlank()) {
        throw new IllegalArgumentException("the S3 access key must not be blank");
      }
    }

    /** The settings the platform config asks for ({@code s3.*}). */
    public static Settings from(PlatformConfig config) {
      return new Settings(
          config.get(PlatformOptions.S3_LOCAL_PORT),
          DEFAULT_HEAP,
          config.get(PlatformOptions.S3_BUCKET),
          config.get(PlatformOptions.S3_REGION),
          config.get(PlatformOptions.S3_ACCESS_KEY),
          config.get(PlatformOptions.S3_SECRET_KEY_FILE),
          Duration.ofSeconds(60),
          Duration.ofSeconds(10));
    }

    /** Settings for tests: the given port, a small heap, short timeouts. */
    public static Settings forTest(int port, String bucket, Path secretKeyFile) {
      return new Settings(
          port,
          DEFAULT_HEAP,
          bucket,
          "us-east-1",
          "playstream-test",
          secretKeyFile,
          Duration.ofSeconds(60),
          Duration.ofSeconds(10));
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
      return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }
  }

  private final StateLayout layout;
  private final Settings settings;
  private final LauncherSupport support;

  /** A launcher for the S3 server of one state folder. */
  public S3ProxyLauncher(StateLayout layout, Settings settings) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.support = new LauncherSupport(layout, LOG, LOG_TAIL_LINES, POLL);
  }

  /** A launcher configured by the platform config (its state folder and {@code s3.*} options). */
  public static S3ProxyLauncher of(PlatformConfig config) {
    return new S3ProxyLauncher(config.stateLayout(), Settings.from(config));
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return settings.endpoint();
  }

  /** Where the filesystem backend keeps the buckets: one folder per bucket. */
  public Path dataDir() {
    return layout.dataDir(COMPONENT);
  }

  /** The generated s3proxy properties file. */
  public Path propertiesFile() {
    return layout.confDir(COMPONENT).resolve("s3proxy.conf");
  }

  /**
   * Starts the server, or reports the one still running from an earlier start, waits until it
   * answers and creates the configured bucket if missing.
   *
   * @throws IllegalStateException when the port is taken by something else, or the server dies or
   *     does not answer within the start timeout (the message carries the end of its log)
   */
  public S3Server start() throws InterruptedException {
    String secret = S3Secret.loadOrCreate(settings.secretKeyFile());
    return support.startOrAttach(COMPONENT, p -> attach(p, secret), () -> launch(secret));
  }

  /** The server left running by an earlier start, if any (no readiness check). */
  public Optional<S3Server> findRunning() {
    return support.find(COMPONENT).map(p -> new S3Server(p, settings, dataDir(), true));
  }

  /**
   * Stops the server of this state folder, whichever JVM started it (for {@code playstream down}).
   *
   * @return true when a running server was found and stopped
   */
  public boolean stopRunning() {
    return support.stop(COMPONENT, settings.stopTimeout());
  }

  /** The s3proxy properties: endpoint, signed requests, filesystem backend. Ordered. */
  public static Map<String, String> properties(Path dataDir, Settings settings, String secret) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("s3proxy.endpoint", settings.endpoint().toString());
    p.put("s3proxy.authorization", "aws-v2-or-v4");
    p.put("s3proxy.identity", settings.accessKey());
    p.put("s3proxy.credential", secret);
    p.put("jclouds.provider", "filesystem");
    p.put("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
    return p;
  }

  /** Renders properties in {@code .properties} syntax, in map order. */
  public static String render(Map<String, String> properties) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "# Generated by Playstream's S3ProxyLauncher on every start; edits are overwritten.\n");
    properties.forEach(
        (k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    return sb.toString();
  }

  private S3Server launch(String secret) throws InterruptedException {
    support.prepare(COMPONENT, "another port (s3.local.port)", settings.port());
    List<Path> classpath = RuntimeClasspath.load(RUNTIME);
    Path logback = layout.confDir(COMPONENT).resolve("logback.xml");
    LauncherSupport.writeResource(logback, LOGBACK_RESOURCE);
    writeOwnerOnly(propertiesFile(), render(properties(dataDir(), settings, secret)));
    JavaProcess spec =
        JavaProcess.builder(COMPONENT, MAIN_CLASS)
            .classpath(classpath)
            .jvmArgs(
                "-Xmx" + settings.heap(),
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + logback.toAbsolutePath())
            .args("--properties", propertiesFile().toString())
            .build();
    LOG.info(
        "starting S3 API server (s3proxy) on {}, data {}, log {}",
        endpoint(),
        dataDir(),
        layout.logFile(COMPONENT));
    LauncherSupport.Started<Void> started = support.start(spec, NAME, readiness(secret));
    LOG.info(
        "S3 API server ready on {} after {} ms (pid {})",
        endpoint(),
        started.millis(),
        started.process().pid());
    return new S3Server(started.process(), settings, dataDir(), false);
  }

  private S3Server attach(ManagedProcess running, String secret) throws InterruptedException {
    String expected = "s3proxy.endpoint=" + endpoint();
    LauncherSupport.requireStartedWith(
        running,
        propertiesFile(),
        expected,
        "an S3 server",
        "on another port than configured (" + expected + ")");
    LOG.info("S3 API server already running on {} (pid {}); using it", endpoint(), running.pid());
    support.awaitReady(readiness(secret), Map.of(NAME, running));
    return new S3Server(running, settings, dataDir(), true);
  }

  /**
   * Ready once a signed ListBuckets answers 200; the configured bucket is then created if missing.
   * A 403 ends the wait at once: the server runs with another credential.
   */
  private LauncherSupport.Readiness<Void> readiness(String secret) {
    S3Requests s3 = new S3Requests(endpoint(), settings.accessKey(), secret);
    return new LauncherSupport.Readiness<>(
        settings.port(),
        settings.startTimeout(),
        "port not open yet",
        NAME + " on " + endpoint() + " did not answer",
        () -> {
          int status;
          try {
            status = s3.listBuckets();
          } catch (IOException e) {
            return LauncherSupport.Attempt.notYet(e.toString());
          }
          if (status == 403) {
            // up, but it does not take our keys: waiting will not help
            throw new IllegalStateException(
                NAME
                    + " on "
                    + endpoint()
                    + " refuses the configured keys (403): it was started with another"
                    + " credential; stop it (playstream down) so it restarts with "
                    + settings.secretKeyFile());
          }
          if (status != 200) {
            return LauncherSupport.Attempt.notYet("ListBuckets answered " + status);
          }
          ensureBucket(secret);
          return LauncherSupport.Attempt.ready(null);
        });
  }

  private void ensureBucket(String secret) throws InterruptedException {
    if (settings.bucket() == null) {
      return;
    }
    try {
      if (new S3Requests(endpoint(), settings.accessKey(), secret)
          .createBucketIfMissing(settings.bucket())) {
        LOG.info("created bucket {} on {}", settings.bucket(), endpoint());
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create bucket " + settings.bucket() + " on " + endpoint() + ": " + e, e);
    }
  }

  private static void writeOwnerOnly(Path file, String content) {
    try {
      Files.deleteIfExists(file);
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
