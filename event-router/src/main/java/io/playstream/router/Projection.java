package io.playstream.router;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a route changes in each event before writing it. Field names are the Avro names of the
 * event's fields, or {@code header.<field>} for header fields. The output keeps the event's own
 * schema (so it stays decodable with the standard schema catalog):
 *
 * <ul>
 *   <li>{@code keep}: the nullable fields to keep; every other nullable field is set to null.
 *       Required (non-nullable) fields are always kept, since the schema needs them.
 *   <li>{@code drop}: nullable fields to set to null.
 *   <li>{@code hash}: string fields to replace by the lower-case hex HMAC-SHA256 of their value
 *       under the router's hash key (null stays null).
 *   <li>{@code redact}: nullable fields to set to null, for personal data (same effect as drop,
 *       stated as intent).
 * </ul>
 *
 * @param keep fields to keep (all other nullable fields are nulled)
 * @param drop nullable fields to null
 * @param hash string fields to hash
 * @param redact nullable personal fields to null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"keep", "drop", "hash", "redact"})
public record Projection(
    @JsonProperty("keep") List<String> keep,
    @JsonProperty("drop") List<String> drop,
    @JsonProperty("hash") List<String> hash,
    @JsonProperty("redact") List<String> redact) {

  public static final Projection NONE = new Projection(null, null, null, null);

  @JsonCreator
  public Projection {
    keep = keep == null ? List.of() : List.copyOf(keep);
    drop = drop == null ? List.of() : List.copyOf(drop);
    hash = hash == null ? List.of() : List.copyOf(hash);
    redact = redact == null ? List.of() : List.copyOf(redact);
  }

  /** True when the projection changes nothing. */
  @JsonIgnore
  public boolean isEmpty() {
    return keep.isEmpty() && drop.isEmpty() && hash.isEmpty() && redact.isEmpty();
  }
}
