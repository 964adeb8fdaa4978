package io.playstream.services.steering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerRankerTest {
  private static final Instant REPORTED = Instant.parse("2026-03-01T20:00:00Z");
  private static final Instant TEN_SECONDS_LATER = REPORTED.plusSeconds(10);
  private static final Instant THIRTY_SECONDS_LATER = REPORTED.plusSeconds(30);
  private static final Instant THIRTY_ONE_SECONDS_LATER = REPORTED.plusSeconds(31);

  private static final Fleet FLEET = Fleet.defaultFleet();
  private static final ClientRequest US_CLIENT =
      new ClientRequest("s-1", "p-1", "t-1", "US", "us-east", "Comcast", "10.0.0.1");

  private static Map<String, HealthReport> allHealthy(double load, Instant at) {
    Map<String, HealthReport> health = new HashMap<>();
    for (CdnServer s : FLEET.servers()) {
      health.put(s.serverId(), report(s, load, true, at));
    }
    return health;
  }

  private static HealthReport report(CdnServer s, double load, boolean healthy, Instant at) {
    return new HealthReport(s.serverId(), s.region(), load, healthy, s.capacityMbps(), 10, at);
  }

  private static CdnServer server(String id) {
    return FLEET.server(id).orElseThrow();
  }

  @Test
  void prefersTheClientsRegionAndRanksFromOne() {
    Ranking r = ServerRanker.rank(US_CLIENT, FLEET, allHealthy(0.2, REPORTED), TEN_SECONDS_LATER);

    assertThat(r.fallbackUsed()).isFalse();
    assertThat(r.clientRegion()).isEqualTo("us-east");
    assertThat(r.candidates()).hasSize(ServerRanker.MAX_CANDIDATES);
    assertThat(r.candidates().subList(0, 3))
        .allSatisfy(c -> assertThat(server(c.serverId()).region()).isEqualTo("us-east"));
    assertThat(server(r.candidates().get(3).serverId()).region()).isEqualTo("us-west");
    assertThat(r.candidates()).extracting(Candidate::rank).containsExactly(1, 2, 3, 4, 5);
    assertThat(r.candidates()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    assertThat(r.chosenServerId()).isEqualTo(r.candidates().get(0).serverId());
  }

  @Test
  void equalLoadIsBrokenByAStableIspAffinity() {
    Map<String, HealthReport> health = allHealthy(0.2, REPORTED);
    String affinity = ServerRanker.affinityServer("Comcast", "us-east", FLEET);

    Ranking first = ServerRanker.rank(US_CLIENT, FLEET, health, TEN_SECONDS_LATER);
    Ranking again = ServerRanker.rank(US_CLIENT, FLEET, health, TEN_SECONDS_LATER);

    assertThat(first.chosenServerId()).isEqualTo(affinity);
    assertThat(again).isEqualTo(first);
    assertThat(ServerRanker.affinityServer("Comcast", "us-east", FLEET)).isEqualTo(affinity);
  }

  @Test
  void loadOutweighsAffinity() {
    Map<String, HealthReport> health = allHealthy(0.2, REPORTED);
    String affinity = ServerRanker.affinityServer("Comcast", "us-east", FLEET);
    health.put(affinity, report(server(affinity), 0.95, true, REPORTED));

    Ranking r = ServerRanker.rank(US_CLIENT, FLEET, health, TEN_SECONDS_LATER);

    assertThat(r.chosenServerId()).isNotEqualTo(affinity);
    assertThat(server(r.chosenServerId()).region()).isEqualTo("us-east");
  }

  @Test
  void unhealthyServersAreExcluded() {
    Map<String, HealthReport> health = allHealthy(0.2, REPORTED);
    health.put("oca-us-east-1", report(server("oca-us-east-1"), 0.1, false, REPORTED));
    health.put("oca-us-east-2", report(server("oca-us-east-2"), 0.1, false, REPORTED));

    Ranking r = ServerRanker.rank(US_CLIENT, FLEET, health, TEN_SECONDS_LATER);

    assertThat(r.fallbackUsed()).isFalse();
    assertThat(r.candidates())
        .extracting(Candidate::serverId)
        .doesNotContain("oca-us-east-1", "oca-us-east-2")
        .startsWith("oca-us-east-3");
  }

  @Test
  void aReportThirtySecondsOldIsStillFresh() {
    Ranking r =
        ServerRanker.rank(US_CLIENT, FLEET, allHealthy(0.2, REPORTED), THIRTY_SECONDS_LATER);

    assertThat(r.fallbackUsed()).isFalse();
  }

  @Test
  void staleReportsFallBackToTheStaticRegionList() {
    Ranking r =
        ServerRanker.rank(US_CLIENT, FLEET, allHealthy(0.2, REPORTED), THIRTY_ONE_SECONDS_LATER);

    assertThat(r.fallbackUsed()).isTrue();
    assertThat(r.candidates()).hasSize(ServerRanker.MAX_CANDIDATES);
    assertThat(r.candidates().subList(0, 3))
        .allSatisfy(c -> assertThat(server(c.serverId()).region()).isEqualTo("us-east"));
    assertThat(r.chosenServerId())
        .isEqualTo(ServerRanker.affinityServer("Comcast", "us-east", FLEET));
  }

  @Test
  void noReportsAtAllFallBackToo() {
    Ranking r = ServerRanker.rank(US_CLIENT, FLEET, Map.of(), REPORTED);

    assertThat(r.fallbackUsed()).isTrue();
    assertThat(server(r.chosenServerId()).region()).isEqualTo("us-east");
  }

  @Test
  void everyFreshServerUnhealthyFallsBackButAvoidsTheKnownBadOnes() {
    Map<String, HealthReport> health = new HashMap<>();
    for (CdnServer s : FLEET.servers()) {
      health.put(s.serverId(), report(s, 0.1, false, REPORTED));
    }
    health.put(
        "oca-us-west-2",
        report(server("oca-us-west-2"), 0.1, true, REPORTED.minus(Duration.ofMinutes(5))));

    Ranking r = ServerRanker.rank(US_CLIENT, FLEET, health, TEN_SECONDS_LATER);

    assertThat(r.fallbackUsed()).isTrue();
    assertThat(r.candidates()).extracting(Candidate::serverId).containsExactly("oca-us-west-2");
  }

  @Test
  void countryPicksTheRegionWhenTheStatedOneIsUnknown() {
    ClientRequest japan = new ClientRequest("s-2", "p-2", "t-1", "JP", "somewhere", "NTT", null);

    Ranking r = ServerRanker.rank(japan, FLEET, allHealthy(0.3, REPORTED), TEN_SECONDS_LATER);

    assertThat(r.clientRegion()).isEqualTo("ap-south");
    assertThat(server(r.chosenServerId()).region()).isEqualTo("ap-south");
  }

  @Test
  void onlyFreshHealthyServersOfOtherRegionsAreCandidates() {
    Map<String, HealthReport> health = new HashMap<>();
    CdnServer usEast = server("oca-us-east-1");
    CdnServer euWest = server("oca-eu-west-1");
    health.put(usEast.serverId(), report(usEast, 0.5, true, REPORTED));
    health.put(euWest.serverId(), report(euWest, 0.0, true, REPORTED));

    Ranking r = ServerRanker.rank(US_CLIENT, FLEET, health, TEN_SECONDS_LATER);

    assertThat(r.candidates())
        .extracting(Candidate::serverId)
        .isEqualTo(List.of("oca-us-east-1", "oca-eu-west-1"));
  }
}
