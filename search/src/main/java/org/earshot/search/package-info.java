/**
 * The Lucene index of calls: transcripts with word times, call metadata, analysis figures and
 * flags, searched with {@link org.earshot.search.TranscriptIndex#search(CallQuery)}.
 *
 * <p>The API: {@link org.earshot.search.CallDocument} (what is indexed, figure names in
 * {@link org.earshot.search.Figures}), {@link org.earshot.search.CallQuery} (what is asked, read
 * from HTTP parameters by {@link org.earshot.search.CallQuery#fromParameters}),
 * {@link org.earshot.search.SearchResult} (hits with timed snippets, facet counts) and the two
 * refusals, {@link org.earshot.search.QueryParameterException} and
 * {@link org.earshot.search.QuerySyntaxException}. Everything else is package-private.
 */
package org.earshot.search;
