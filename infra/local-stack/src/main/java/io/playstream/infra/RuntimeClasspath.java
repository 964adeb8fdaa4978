package io.playstream.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of a runtime that runs as its own JVM (the Kafka broker now; Flink, Cassandra and
 * others later), as Maven resolved it when the runtime's module was built.
 *
 * <p>A runtime module (such as {@code infra/kafka-runtime}) writes resource {@code
 * playstream-runtime/<name>.classpath} with {@code maven-dependency-plugin:build-classpath}: the
 * absolute paths of its jars in the local Maven repository, joined with the platform path separator
 * (line breaks are accepted too). Modules that launch the runtime depend on the runtime module with
 * an exclusion of {@code *:*}, so the resource comes along but the runtime's jars stay off their
 * own classpath.
 */
public final class RuntimeClasspath {
  /** Resource folder of the classpath files. */
  public static final String RESOURCE_DIR = "playstream-runtime/";

  private static final String FIX =
      "build and install the runtimes with: ./mvnw install -DskipTests";

  private RuntimeClasspath() {}

  /** The resource name for a runtime: {@code playstream-runtime/<name>.classpath}. */
  public static String resourceName(String name) {
    return RESOURCE_DIR + name + ".classpath";
  }

  /** Loads a runtime's classpath through this class's class loader. */
  public static List<Path> load(String name) {
    return load(name, RuntimeClasspath.class.getClassLoader());
  }

  /**
   * Loads a runtime's classpath.
   *
   * @throws IllegalStateException when the resource is missing or names a jar that does not exist
   *     (the message says which command fixes it)
   */
  public static List<Path> load(String name, ClassLoader loader) {
    String resource = resourceName(name);
    String text;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "no " + name + " runtime classpath (resource " + resource + ") found; " + FIX);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
    List<Path> entries = parse(text);
    if (entries.isEmpty()) {
      throw new IllegalStateException("the " + name + " runtime classpath is empty; " + FIX);
    }
    for (Path p : entries) {
      if (!Files.exists(p)) {
        throw new IllegalStateException(
            "the " + name + " runtime classpath names " + p + ", which does not exist; " + FIX);
      }
    }
    return entries;
  }

  /**
   * The classpath of a tool module (a module with a main the CLI spawns as a child JVM, such as the
   * Spark SQL runner or a sink benchmark): the jar (or classes folder) that carries the module's
   * {@code playstream-runtime/<name>.classpath} resource, followed by the jars that resource names.
   * The caller depends on the module with an exclusion of {@code *:*}, like on a runtime module.
   */
  public static List<Path> loadTool(String name) {
    ClassLoader loader = RuntimeClasspath.class.getClassLoader();
    URL url = loader.getResource(resourceName(name));
    if (url == null) {
      throw new IllegalStateException(
          "no " + name + " classpath (resource " + resourceName(name) + ") found; " + FIX);
    }
    List<Path> out = new ArrayList<>();
    out.add(codeLocation(url, resourceName(name)));
    out.addAll(load(name, loader));
    return out;
  }

  static Path codeLocation(URL resourceUrl, String resource) {
    try {
      String u = resourceUrl.toString();
      if (u.startsWith("jar:")) {
        String jar = u.substring("jar:".length(), u.indexOf("!/"));
        return Path.of(new URI(jar));
      }
      Path file = Path.of(resourceUrl.toURI());
      Path root = file;
      for (int i = 0; i < resource.split("/").length; i++) {
        root = root.getParent();
      }
      return root;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + resourceUrl, e);
    }
  }

  /** The classpath of the running JVM ({@code java.class.path}). */
  public static List<Path> ofCurrentJvm() {
    return parse(System.getProperty("java.class.path", ""));
  }

  /** Loads a text resource shipped next to a runtime's classpath, or fails naming the fix. */
  public static String loadResource(String relativeName, ClassLoader loader) {
    String resource = RESOURCE_DIR + relativeName;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " not found; " + FIX);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
  }

  static List<Path> parse(String text) {
    List<Path> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      for (String entry : line.split(File.pathSeparator)) {
        String e = entry.trim();
        if (!e.isEmpty()) {
          out.add(Path.of(e));
        }
      }
    }
    return out;
  }
}
