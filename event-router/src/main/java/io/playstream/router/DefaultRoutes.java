package io.playstream.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The routes the platform ships (resource {@value #RESOURCE}): operational metrics input,
 * recommendation input, Iceberg raw events, Cassandra viewing history and the catalog.
 */
public final class DefaultRoutes {
  public static final String RESOURCE = "io/playstream/router/default-routes.yaml";

  private DefaultRoutes() {}

  /** The default routes' YAML text. */
  public static String yaml() {
    try (InputStream in = DefaultRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The default routes. */
  public static List<Route> load() {
    return RouteYaml.parse(yaml(), RESOURCE);
  }
}
