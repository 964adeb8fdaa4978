package io.playstream.recs;

import java.io.Serializable;

/** A recommended title and its score (higher is better; comparable within one list only). */
public record ScoredTitle(String titleId, double score) implements Serializable {}
