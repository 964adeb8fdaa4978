package io.playstream.services.steering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CDN servers steering may send clients to. The built-in default has three servers in each of
 * {@link #DEFAULT_REGIONS} ({@code oca-<region>-1..3}); a YAML or JSON file can replace it:
 *
 * <pre>
 * servers:
 *   - server_id: oca-us-east-1
 *     region: us-east
 *     capacity_mbps: 40000
 * </pre>
 */
public final class Fleet {
  /** Regions of the default fleet. */
  public static final List<String> DEFAULT_REGIONS =
      List.of("us-east", "us-west", "eu-west", "sa-east", "ap-south");

  /** Servers per region in the default fleet. */
  public static final int DEFAULT_SERVERS_PER_REGION = 3;

  private static final Fleet DEFAULT = buildDefault();

  private final List<CdnServer> servers;
  private final Map<String, CdnServer> byId = new LinkedHashMap<>();
  private final Map<String, List<CdnServer>> byRegion = new LinkedHashMap<>();

  /**
   * A fleet of these servers, in this order.
   *
   * @throws IllegalArgumentException when empty or an id repeats
   */
  public Fleet(List<CdnServer> servers) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("a CDN fleet needs at least one server");
    }
    this.servers = List.copyOf(servers);
    for (CdnServer s : this.servers) {
      if (byId.put(s.serverId(), s) != null) {
        throw new IllegalArgumentException("server id " + s.serverId() + " appears twice");
      }
      byRegion.computeIfAbsent(s.region(), r -> new ArrayList<>()).add(s);
    }
    byRegion.replaceAll((r, list) -> List.copyOf(list));
  }

  /** The built-in fleet: 3 servers in each default region. */
  public static Fleet defaultFleet() {
    return DEFAULT;
  }

  /** Reads a fleet from YAML or JSON (JSON is YAML). */
  public static Fleet load(Path file) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode root;
    try {
      root = yaml.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fleet file " + file, e);
    }
    JsonNode list = root == null ? null : root.get("servers");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(file + ": expected a 'servers' list");
    }
    List<CdnServer> servers = new ArrayList<>();
    for (JsonNode n : list) {
      String id = text(n, "server_id", file);
      String region = text(n, "region", file);
      int capacity = n.path("capacity_mbps").asInt(10_000);
      servers.add(new CdnServer(id, region, capacity));
    }
    return new Fleet(servers);
  }

  private static String text(JsonNode n, String field, Path file) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw new IllegalArgumentException(file + ": every server needs a '" + field + "'");
    }
    return v.textValue();
  }

  public List<CdnServer> servers() {
    return servers;
  }

  public Optional<CdnServer> server(String serverId) {
    return Optional.ofNullable(byId.get(serverId));
  }

  /** Servers of a region in configured order (empty for an unknown region). */
  public List<CdnServer> inRegion(String region) {
    return byRegion.getOrDefault(region, List.of());
  }

  /** Regions in the order they first appear. */
  public List<String> regions() {
    return List.copyOf(byRegion.keySet());
  }

  public boolean hasRegion(String region) {
    return byRegion.containsKey(region);
  }

  private static Fleet buildDefault() {
    List<CdnServer> servers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String region : DEFAULT_REGIONS) {
      for (int i = 1; i <= DEFAULT_SERVERS_PER_REGION; i++) {
        String id = "oca-" + region + "-" + i;
        if (seen.add(id)) {
          servers.add(new CdnServer(id, region, i == DEFAULT_SERVERS_PER_REGION ? 20_000 : 40_000));
        }
      }
    }
    return new Fleet(servers);
  }
}
