package io.playstream.simulator.model;

import java.util.List;

/**
 * A simulated viewer profile. Profiles of one account share a household: country, region, ISP and
 * client IP.
 *
 * @param index position in the population
 * @param profileId profile id sent to the services
 * @param accountId owning account (the token subject)
 * @param country ISO country
 * @param region steering region serving the household
 * @param isp the household's ISP
 * @param clientIp the household's address (from 198.18.0.0/15, the range reserved for tests)
 * @param device the profile's device class
 * @param favouriteGenres genres the taste was built around
 * @param taste hidden taste, a unit vector of dimension {@link TasteSpace#DIMENSION}
 * @param activity relative weight of how often the profile opens the app
 */
public record Profile(
    int index,
    String profileId,
    String accountId,
    String country,
    String region,
    String isp,
    String clientIp,
    DeviceType device,
    List<String> favouriteGenres,
    double[] taste,
    double activity) {}
