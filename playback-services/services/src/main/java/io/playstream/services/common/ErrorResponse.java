package io.playstream.services.common;

/**
 * The body of every 4xx/5xx answer.
 *
 * @param error what was wrong, for a human
 * @param field the offending request field, or null
 */
public record ErrorResponse(String error, String field) {}
