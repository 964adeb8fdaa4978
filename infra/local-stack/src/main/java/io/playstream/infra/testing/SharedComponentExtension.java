package io.playstream.infra.testing;

import io.playstream.infra.StateLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@code Local*Extension} shares: one component per test JVM, made with a launcher for a
 * temporary state folder and started before the first test class or method that registers the
 * extension (and again before the next one when a test stopped it); stopped, and its folder
 * deleted, when the test run ends, through the root extension store with a JVM shutdown hook as a
 * backstop. Each subclass keeps one shared instance and adds the accessors of its component.
 *
 * @param <L> the launcher
 * @param <C> the running component, as the launcher's {@code start()} returns it
 */
abstract class SharedComponentExtension<L, C> implements BeforeAllCallback, BeforeEachCallback {
  /** Starts the component with its launcher (its {@code start()}). */
  @FunctionalInterface
  interface Starter<L, C> {
    C start(L launcher) throws InterruptedException;
  }

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final String tag;
  private final Starter<L, C> starter;
  private final Predicate<C> isAlive;
  private final Consumer<C> stopper;

  private Path stateDir;
  private L launcher;
  private C component;
  private boolean closed;

  /**
   * @param name the component as messages name it: {@code Kafka broker}
   * @param tag names the temporary folder {@code playstream-<tag>-test-*} and the shutdown thread
   * @param starter starts the component
   * @param isAlive whether the component runs
   * @param stopper stops the component cleanly
   */
  SharedComponentExtension(
      String name, String tag, Starter<L, C> starter, Predicate<C> isAlive, Consumer<C> stopper) {
    this.name = name;
    this.tag = tag;
    this.starter = starter;
    this.isAlive = isAlive;
    this.stopper = stopper;
  }

  /** A launcher for the fresh temporary state folder, on free ports. */
  abstract L newLauncher(StateLayout layout);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ensureStarted(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    ensureStarted(context);
  }

  /** The component's state folder (a temporary directory). */
  public synchronized StateLayout stateLayout() {
    launcher();
    return new StateLayout(stateDir);
  }

  /** The launcher; throws when the extension was never started. */
  synchronized L launcher() {
    if (launcher == null) {
      throw notStarted();
    }
    return launcher;
  }

  /** The component as last started; throws when it was never started. */
  synchronized C component() {
    if (component == null) {
      throw notStarted();
    }
    return component;
  }

  /** Whether the component runs. */
  synchronized boolean isComponentAlive() {
    return component != null && isAlive.test(component);
  }

  /** Starts the component again on the same state folder and ports; a no-op while it runs. */
  synchronized void startComponent() throws InterruptedException {
    L l = launcher();
    if (!isComponentAlive()) {
      component = starter.start(l);
    }
  }

  /** Stops the component cleanly; its state folder and ports are kept for a restart. */
  synchronized void stopComponent() {
    launcher();
    stopIfAlive();
  }

  /** Brings the component up before a test class or method; a no-op while it runs. */
  void ensureRunning() throws InterruptedException {
    startComponent();
  }

  /** Stops the component at the end of the test run. */
  void stopAtEnd() {
    stopIfAlive();
  }

  /** The component, or null when it was never started (for {@link #stopAtEnd()}). */
  synchronized C componentOrNull() {
    return component;
  }

  private void stopIfAlive() {
    if (isComponentAlive()) {
      stopper.accept(component);
    }
  }

  private IllegalStateException notStarted() {
    return new IllegalStateException(
        "the "
            + name
            + " is not started yet: register the extension with @RegisterExtension on a static"
            + " field");
  }

  private synchronized void ensureStarted(ExtensionContext context) throws Exception {
    if (closed) {
      throw new IllegalStateException("the shared " + name + " was already shut down");
    }
    if (launcher == null) {
      stateDir = Files.createTempDirectory("playstream-" + tag + "-test-");
      launcher = newLauncher(new StateLayout(stateDir));
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::shutdown, "playstream-" + tag + "-test-shutdown"));
      context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(getClass()))
          .getOrComputeIfAbsent("shared", k -> (AutoCloseable) this::shutdown);
    }
    ensureRunning();
  }

  private synchronized void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    stopAtEnd();
    deleteTree(stateDir);
    log.info("test {} stopped and {} deleted", name, stateDir);
  }

  private void deleteTree(Path dir) {
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
      log.warn("cannot delete {}: {}", dir, e.toString());
    }
  }
}
