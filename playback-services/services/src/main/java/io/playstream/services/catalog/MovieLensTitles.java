package io.playstream.services.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed catalog: MovieLens "latest-small" titles ({@value #RESOURCE}, shipped in this module's
 * resources with the dataset's README.txt and its usage license) turned into {@link Title}s.
 *
 * <p>MovieLens gives id, title and genres. The title id is the movieId; the name is the title as
 * given; genres are split on '|' ("(no genres listed)" means none); the release year is the
 * trailing "(yyyy)" when present. The rest is derived deterministically from the movieId with the
 * SplitMix64 finalizer {@link #mix}, so every start and every machine derives the same catalog:
 *
 * <ul>
 *   <li>licensed_countries: each country of {@link #COUNTRIES} independently with probability 85 %
 *       ({@code mix(id * 31 + countryIndex) mod 100 < 85}); never empty (falls back to US).
 *   <li>maturity_rating: Children/Animation titles G or PG; Horror R or TV-MA; others PG, PG-13, R,
 *       TV-MA with weights 15/35/35/15 ({@code mix(id + 101) mod 100}).
 *   <li>duration_seconds: whole minutes from {@code mix(id + 202)}: 75-104 min for
 *       Children/Animation, 50-109 for Documentary, 85-154 otherwise.
 * </ul>
 */
public final class MovieLensTitles {
  /** Classpath resource of the MovieLens titles. */
  public static final String RESOURCE = "catalog/movies.csv";

  /** Countries titles are licensed in. */
  public static final List<String> COUNTRIES =
      List.of("US", "CA", "GB", "DE", "FR", "ES", "BR", "MX", "IN", "JP", "KR", "AU");

  private static final String NO_GENRES = "(no genres listed)";
  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

  private MovieLensTitles() {}

  /** All seed titles, in file order. */
  public static List<Title> load() {
    InputStream in = MovieLensTitles.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("seed resource " + RESOURCE + " is missing");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Parses {@code movieId,title,genres} CSV with a header line. */
  public static List<Title> parse(Reader csv) throws IOException {
    BufferedReader in = new BufferedReader(csv);
    String header = in.readLine();
    if (header == null || !header.startsWith("movieId,")) {
      throw new IllegalArgumentException("not a MovieLens movies.csv: header is " + header);
    }
    List<Title> titles = new ArrayList<>();
    String line;
    int lineNo = 1;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      List<String> f = csvFields(line);
      if (f.size() != 3) {
        throw new IllegalArgumentException(
            "line " + lineNo + " has " + f.size() + " fields, expected 3: " + line);
      }
      titles.add(toTitle(Long.parseLong(f.get(0).trim()), f.get(1), f.get(2)));
    }
    return titles;
  }

  /** One MovieLens row as a title. */
  public static Title toTitle(long movieId, String rawTitle, String rawGenres) {
    String name = rawTitle.trim();
    List<String> genres =
        rawGenres.isBlank() || rawGenres.trim().equals(NO_GENRES)
            ? List.of()
            : Arrays.stream(rawGenres.trim().split("\\|")).filter(g -> !g.isBlank()).toList();
    Matcher m = YEAR.matcher(name);
    Integer year = m.find() ? Integer.valueOf(m.group(1)) : null;
    return new Title(
        Long.toString(movieId),
        name,
        genres,
        year,
        licensedCountries(movieId),
        maturityRating(movieId, genres),
        durationSeconds(movieId, genres));
  }

  /** Countries of {@link #COUNTRIES} the title is licensed in, in that list's order. */
  public static List<String> licensedCountries(long movieId) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < COUNTRIES.size(); i++) {
      if (Math.floorMod(mix(movieId * 31 + i), 100) < 85) {
        out.add(COUNTRIES.get(i));
      }
    }
    return out.isEmpty() ? List.of("US") : out;
  }

  /** The derived maturity rating. */
  public static String maturityRating(long movieId, List<String> genres) {
    int u = (int) Math.floorMod(mix(movieId + 101), 100);
    if (genres.contains("Children") || genres.contains("Animation")) {
      return u < 50 ? "G" : "PG";
    }
    if (genres.contains("Horror")) {
      return u < 60 ? "R" : "TV-MA";
    }
    if (u < 15) {
      return "PG";
    }
    if (u < 50) {
      return "PG-13";
    }
    return u < 85 ? "R" : "TV-MA";
  }

  /** The derived runtime in seconds (whole minutes). */
  public static int durationSeconds(long movieId, List<String> genres) {
    long u = mix(movieId + 202);
    int minutes;
    if (genres.contains("Children") || genres.contains("Animation")) {
      minutes = 75 + (int) Math.floorMod(u, 30);
    } else if (genres.contains("Documentary")) {
      minutes = 50 + (int) Math.floorMod(u, 60);
    } else {
      minutes = 85 + (int) Math.floorMod(u, 70);
    }
    return minutes * 60;
  }

  /** SplitMix64's finalizer: a fixed, well-spread 64-bit hash of a long. */
  public static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Splits one CSV line: comma separated, fields optionally quoted with "" as an escape. */
  static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    fields.add(cur.toString());
    return fields;
  }
}
