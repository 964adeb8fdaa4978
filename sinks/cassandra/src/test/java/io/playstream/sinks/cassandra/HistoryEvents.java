package io.playstream.sinks.cassandra;

import io.playstream.events.PlaybackSessionSummary;
import io.playstream.events.PlaybackStopped;
import io.playstream.events.Rating;
import io.playstream.events.StopReason;
import io.playstream.events.Thumb;
import io.playstream.schemas.Events;
import io.playstream.schemas.SampleEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Events for the history tables, with distinct primary keys. */
final class HistoryEvents {
  private HistoryEvents() {}

  /**
   * {@code n} stops of distinct sessions over 50 profiles, one second apart, ending at {@code end}.
   */
  static List<PlaybackStopped> stops(String prefix, int from, int n, Instant end) {
    List<PlaybackStopped> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      PlaybackStopped s = SampleEvents.stopped();
      s.setHeader(Events.newHeader("playback", "it", end.minusSeconds(i), null));
      s.setProfileId(prefix + "-p" + (i % 50));
      s.setSessionId(prefix + "-s" + i);
      s.setTitleId("t-" + (i % 97));
      s.setWatchedSeconds(60L + i);
      s.setPositionMs((60L + i) * 1000);
      s.setReason(i % 3 == 0 ? StopReason.COMPLETED : StopReason.USER_STOPPED);
      out.add(s);
    }
    return out;
  }

  /** {@code n} ratings with distinct (profile, title) pairs. */
  static List<Rating> ratings(String prefix, int from, int n, Instant end) {
    List<Rating> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      Rating r = SampleEvents.rating();
      r.setHeader(Events.newHeader("playback", "it", end.minusSeconds(i), null));
      r.setProfileId(prefix + "-p" + (i % 50));
      r.setTitleId("rated-" + i);
      r.setThumb(i % 2 == 0 ? Thumb.UP : Thumb.DOWN);
      out.add(r);
    }
    return out;
  }

  /** {@code n} session summaries of distinct sessions. */
  static List<PlaybackSessionSummary> summaries(String prefix, int from, int n, Instant end) {
    List<PlaybackSessionSummary> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      PlaybackSessionSummary s = SampleEvents.sessionSummary();
      s.setHeader(Events.newHeader("metrics-jobs", "it", end.minusSeconds(i), null));
      s.setProfileId(prefix + "-p" + (i % 50));
      s.setSessionId(prefix + "-summary-" + i);
      s.setStartedAt(end.minusSeconds(600L + i));
      s.setEndedAt(end.minusSeconds(i));
      out.add(s);
    }
    return out;
  }

  /** Stops, ratings and summaries interleaved. */
  static List<SpecificRecord> mixed(
      String prefix, int stops, int ratings, int summaries, Instant end) {
    List<SpecificRecord> out = new ArrayList<>();
    out.addAll(stops(prefix, 0, stops, end));
    out.addAll(ratings(prefix, 0, ratings, end));
    out.addAll(summaries(prefix, 0, summaries, end));
    return out;
  }
}
