package io.playstream.recs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsFileTest {
  @TempDir Path dir;

  private List<RatingEvent> read(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return RatingsFile.read(f);
  }

  @Test
  void csvWithHeader() throws Exception {
    List<RatingEvent> r =
        read(
            "ratings.csv",
            "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n");
    assertThat(r)
        .containsExactly(
            new RatingEvent("1", "31", 2.5, 1260759144000L),
            new RatingEvent("1", "1029", 3.0, 1260759179000L));
  }

  @Test
  void tabSeparatedUData() throws Exception {
    List<RatingEvent> r = read("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
    assertThat(r).hasSize(2);
    assertThat(r.get(0)).isEqualTo(new RatingEvent("196", "242", 3, 881250949000L));
  }

  @Test
  void doubleColonRatingsDat() throws Exception {
    List<RatingEvent> r = read("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n");
    assertThat(r.get(1)).isEqualTo(new RatingEvent("1", "661", 3, 978302109000L));
  }

  @Test
  void rejectsOtherFiles() {
    assertThatThrownBy(() -> read("x.txt", "hello world\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a MovieLens ratings file");
    assertThatThrownBy(() -> read("y.csv", "userId,movieId\n1,2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y.csv:2");
  }
}
