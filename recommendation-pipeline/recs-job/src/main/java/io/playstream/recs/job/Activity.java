package io.playstream.recs.job;

import io.playstream.events.Impression;
import io.playstream.events.PlaybackStarted;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.Rating;
import io.playstream.events.Thumb;

/**
 * One profile activity the recommender learns from (a Flink POJO): a play start, a stop, a thumb or
 * an impression, reduced to what the models need.
 */
public class Activity {
  /** What happened. */
  public enum Kind {
    /** Playback started: the profile consumed the title (a positive signal and a trending play). */
    PLAY,
    /** Playback stopped: consumption if its start was missed; no trending play. */
    STOP,
    /** Thumbs up: a positive signal. */
    THUMB_UP,
    /** Thumbs down: the title is excluded from the profile's recommendations, no signal. */
    THUMB_DOWN,
    /** Titles shown: only updates the profile's country. */
    IMPRESSION
  }

  public String profileId;
  public String titleId;
  public String country;
  public Kind kind;
  public long time;
  public double weight = 1.0;

  public Activity() {}

  public Activity(String profileId, String titleId, String country, Kind kind, long time) {
    this.profileId = profileId;
    this.titleId = titleId;
    this.country = country;
    this.kind = kind;
    this.time = time;
  }

  /** True when the activity tells that the profile consumed (liked) the title. */
  public boolean isConsumption() {
    return kind == Kind.PLAY || kind == Kind.STOP || kind == Kind.THUMB_UP;
  }

  public static Activity of(PlaybackStarted e) {
    return new Activity(
        e.getProfileId(),
        e.getTitleId(),
        e.getCountry(),
        Kind.PLAY,
        e.getHeader().getEventTime().toEpochMilli());
  }

  public static Activity of(PlaybackStopped e) {
    return new Activity(
        e.getProfileId(),
        e.getTitleId(),
        null,
        Kind.STOP,
        e.getHeader().getEventTime().toEpochMilli());
  }

  public static Activity of(Rating e) {
    return new Activity(
        e.getProfileId(),
        e.getTitleId(),
        e.getCountry(),
        e.getThumb() == Thumb.DOWN ? Kind.THUMB_DOWN : Kind.THUMB_UP,
        e.getHeader().getEventTime().toEpochMilli());
  }

  public static Activity of(Impression e) {
    return new Activity(
        e.getProfileId(),
        null,
        e.getCountry(),
        Kind.IMPRESSION,
        e.getHeader().getEventTime().toEpochMilli());
  }

  @Override
  public String toString() {
    return kind + "(" + profileId + ", " + titleId + ", " + country + ", " + time + ")";
  }
}
