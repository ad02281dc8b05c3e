package org.earshot.search;

/**
 * A search over calls. Every part is optional (null = no constraint).
 *
 * @param text        query text: words, "phrases", AND / OR / NOT, customer: / agent: scoping
 * @param minDuration shortest call duration in seconds, inclusive
 * @param maxDuration longest call duration in seconds, inclusive
 * @param page        0-based page number
 * @param size        hits per page, 1..100
 */
public record CallQuery(String text, Double minDuration, Double maxDuration, int page, int size) {

    public static final int MAX_SIZE = 100;

    public CallQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1-" + MAX_SIZE + ", was " + size);
        }
        if (minDuration != null && maxDuration != null && minDuration > maxDuration) {
            throw new IllegalArgumentException("minDuration " + minDuration + " is above maxDuration " + maxDuration);
        }
    }
}
