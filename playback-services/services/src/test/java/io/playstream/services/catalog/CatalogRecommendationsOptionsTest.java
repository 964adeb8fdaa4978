package io.playstream.services.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playstream.services.recommendations.RecommendationsConfig;
import io.playstream.services.testing.TestTokens;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogRecommendationsOptionsTest {
  @Test
  void defaultsHaveNoCassandraAndDocumentedTimings() {
    RecommendationsConfig c =
        CatalogOptions.parse(Map.of()).toConfig(TestTokens.ENV).recommendations();

    assertThat(c.configured()).isFalse();
    assertThat(c.localDatacenter()).isEqualTo("datacenter1");
    assertThat(c.keyspace()).isEqualTo("playstream");
    assertThat(c.timeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.breakerFailureRate()).isEqualTo(50);
    assertThat(c.breakerWindow()).isEqualTo(20);
    assertThat(c.breakerMinimumCalls()).isEqualTo(5);
    assertThat(c.breakerOpenWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.trendingRefresh()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.reconnectInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(RecommendationsConfig.disabled()).isEqualTo(c);
  }

  @Test
  void optionsAndTheEnvironmentConfigureCassandra() {
    Map<String, String> env = new HashMap<>(TestTokens.ENV);
    env.put("PLAYSTREAM_CASSANDRA_CONTACT_POINTS", "127.0.0.1:19042, cass-2");
    env.put("PLAYSTREAM_CASSANDRA_KEYSPACE", "ks_env");

    RecommendationsConfig c =
        CatalogOptions.parse(
                env,
                "--cassandra-local-datacenter",
                "dc2",
                "--recs-timeout-ms",
                "120",
                "--recs-breaker-open-ms",
                "2000")
            .toConfig(env)
            .recommendations();

    assertThat(c.configured()).isTrue();
    assertThat(c.contactPoints())
        .containsExactly(
            InetSocketAddress.createUnresolved("127.0.0.1", 19042),
            InetSocketAddress.createUnresolved("cass-2", 9042));
    assertThat(c.keyspace()).isEqualTo("ks_env");
    assertThat(c.localDatacenter()).isEqualTo("dc2");
    assertThat(c.timeout()).isEqualTo(Duration.ofMillis(120));
    assertThat(c.breakerOpenWait()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void badValuesAreRefused() {
    assertThatThrownBy(
            () ->
                CatalogOptions.parse(Map.of(), "--cassandra-contact-points", "host:port")
                    .toConfig(TestTokens.ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port is not a number");
    assertThatThrownBy(
            () ->
                CatalogOptions.parse(Map.of(), "--cassandra-keyspace", "drop table;")
                    .toConfig(TestTokens.ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyspace");
    assertThatThrownBy(
            () ->
                CatalogOptions.parse(Map.of(), "--recs-breaker-failure-rate", "0")
                    .toConfig(TestTokens.ENV))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> CatalogOptions.parse(Map.of(), "--recs-timeout-ms", "0").toConfig(TestTokens.ENV))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
