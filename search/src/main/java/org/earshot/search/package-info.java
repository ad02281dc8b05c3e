/**
 * The Lucene index of calls: transcripts with word times plus call metadata, searched with
 * {@link org.earshot.search.TranscriptIndex#search(CallQuery)}.
 */
package org.earshot.search;
