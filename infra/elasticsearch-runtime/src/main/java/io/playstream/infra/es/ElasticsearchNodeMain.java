package io.playstream.infra.es;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

/**
 * Runs one Elasticsearch node in this JVM, from a home folder the launcher prepared.
 *
 * <p>Usage: {@code ElasticsearchNodeMain <home>}. The home folder holds {@code
 * config/elasticsearch.yml} (every node setting: paths, 127.0.0.1, ports, single-node discovery),
 * {@code config/log4j2.properties} (console logging) and {@code modules/transport-netty4/} (the
 * HTTP and transport implementation: its jar, the netty jars and the {@code
 * plugin-descriptor.properties} taken from inside its jar). The server's jars must be on the
 * <em>module path</em> ({@code --module-path ... --add-modules=ALL-MODULE-PATH}); this class itself
 * runs from the class path.
 *
 * <p>This is how the Elasticsearch distribution's own bootstrap starts a node, minus what needs the
 * unpublished distribution (the CLI launcher, security manager / entitlements, x-pack). Logs go to
 * stdout (the launcher appends them to the component log). SIGTERM closes the node cleanly. When
 * the node is up it prints one line: {@value #READY_LINE_PREFIX}{@code <http address>}.
 */
public final class ElasticsearchNodeMain {
  /** Start of the line printed once the node accepts requests. */
  public static final String READY_LINE_PREFIX = "playstream: elasticsearch node started on ";

  private static final long CLOSE_TIMEOUT_SECONDS = 30;

  private ElasticsearchNodeMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ElasticsearchNodeMain <home folder>");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath().normalize();
    Path config = home.resolve("config");
    if (!Files.isRegularFile(config.resolve("elasticsearch.yml"))
        || !Files.isDirectory(home.resolve("modules"))) {
      System.err.println(
          "not an Elasticsearch home prepared by the launcher (needs config/elasticsearch.yml and"
              + " modules/): "
              + home);
      System.exit(2);
    }
    Settings initial = Settings.builder().put("path.home", home.toString()).build();

    // Elasticsearch's own log4j plugins (node name converter, deprecation filter) must be
    // registered before anything logs; then config/log4j2.properties decides levels and format.
    LogConfigurator.configureESLogging();
    Environment env =
        InternalSettingsPreparer.prepareEnvironment(
            initial, Map.of(), config, () -> "playstream-local");
    LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(env.settings()));
    LogConfigurator.configure(env, true);
    PluginsLoader plugins =
        PluginsLoader.createPluginsLoader(
            PluginsLoader.loadModulesBundles(env.modulesDir()), Set.of(), Map.of());
    Node node = new Node(env, plugins);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.prepareForClose();
                    node.close();
                    node.awaitClose(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                  } catch (IOException | InterruptedException e) {
                    System.err.println("error while closing the node: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "playstream-es-shutdown"));

    node.start();
    System.out.println(
        READY_LINE_PREFIX
            + "http://"
            + env.settings().get("network.host")
            + ":"
            + env.settings().get("http.port"));
    System.out.flush();
    // The node's threads are daemons in places; keep the JVM alive until SIGTERM.
    stopped.await();
  }
}
