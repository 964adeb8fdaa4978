package io.playstream.recs.eval;

/**
 * One rating of a dataset.
 *
 * @param user user id
 * @param item item id
 * @param rating the rating value
 * @param time epoch milliseconds
 */
public record RatingEvent(String user, String item, double rating, long time) {}
