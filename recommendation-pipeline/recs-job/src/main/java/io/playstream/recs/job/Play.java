package io.playstream.recs.job;

/** One play counted toward trending, keyed by {@code country} ({@code *} for the global list). */
public class Play {
  public String country;
  public String titleId;
  public double weight;
  public long time;

  public Play() {}

  public Play(String country, String titleId, double weight, long time) {
    this.country = country;
    this.titleId = titleId;
    this.weight = weight;
    this.time = time;
  }
}
