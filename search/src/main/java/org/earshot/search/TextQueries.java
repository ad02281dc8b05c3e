package org.earshot.search;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Turns a {@link CallQuery} into a Lucene query: the user's text through the classic query
 * parser (words, "phrases", AND / OR / NOT, {@code customer:} / {@code agent:} scoping) plus
 * the duration filter. Every way the text can be refused ends in a one-line
 * {@link QuerySyntaxException} that says where.
 */
final class TextQueries {

    /** Long enough for any hand-written query; bounds parser work on hostile input. */
    static final int MAX_LENGTH = 1_000;

    private static final Pattern LEXICAL_POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private TextQueries() {
    }

    /** The whole query: the text (or all calls when it is blank) filtered by duration. */
    static Query toLucene(Query text, CallQuery query) {
        Query duration = durationFilter(query.minDuration(), query.maxDuration());
        if (duration == null) {
            return text == null ? new MatchAllDocsQuery() : text;
        }
        var builder = new BooleanQuery.Builder().add(duration, Occur.FILTER);
        if (text != null) {
            builder.add(text, Occur.MUST);
        }
        return builder.build();
    }

    private static Query durationFilter(Double min, Double max) {
        if (min == null && max == null) {
            return null;
        }
        return DoublePoint.newRangeQuery(Fields.DURATION,
                min == null ? Double.NEGATIVE_INFINITY : min,
                max == null ? Double.POSITIVE_INFINITY : max); // both bounds inclusive
    }

    /** The parsed query text, or null when it is null or blank (match all calls). */
    static Query parse(String text, Analyzer analyzer) throws QuerySyntaxException {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw new QuerySyntaxException("query is " + text.length() + " characters long: at most "
                    + MAX_LENGTH + " are allowed");
        }
        checkEscapesAndQuotes(text);
        var parser = new ScopedParser(text, analyzer); // QueryParser is not thread-safe: one per call
        try {
            return parser.parse(text);
        } catch (ParseException wrapper) {
            // QueryParserBase.parse wraps the real cause in a ParseException with a long message.
            throw explain(text, wrapper.getCause() != null ? wrapper.getCause() : wrapper);
        } catch (TokenMgrError e) {
            throw explain(text, e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooManyClauses(e);
        }
    }

    static QuerySyntaxException tooManyClauses(RuntimeException cause) {
        return new QuerySyntaxException("query has too many terms: at most "
                + IndexSearcher.getMaxClauseCount() + " are allowed", cause);
    }

    private static QuerySyntaxException explain(String text, Throwable cause) {
        if (cause instanceof Refused refused) {
            return new QuerySyntaxException(refused.getMessage(), refused);
        }
        if (cause instanceof IndexSearcher.TooManyClauses tooMany) {
            return tooManyClauses(tooMany);
        }
        if (cause instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
            Token bad = pe.currentToken.next;
            String where = where(bad.beginLine, bad.beginColumn + 1); // the parser counts from 0
            if (bad.kind == QueryParserConstants.EOF) {
                return new QuerySyntaxException("query ends too soon " + where
                        + ": a word, a closing parenthesis or a closing quote is missing", pe);
            }
            return new QuerySyntaxException("unexpected '" + bad.image + "' " + where, pe);
        }
        Matcher m = LEXICAL_POSITION.matcher(String.valueOf(cause.getMessage()));
        String where = m.find()
                ? where(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                : "in '" + abbreviate(text) + "'";
        return new QuerySyntaxException("cannot read the query " + where, cause);
    }

    private static String where(int line, int column) {
        return line <= 1 ? "at column " + column : "at line " + line + ", column " + column;
    }

    /** The lexer's own messages for these are unreadable; say it plainly and where. */
    private static void checkEscapesAndQuotes(String text) throws QuerySyntaxException {
        int open = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i == text.length() - 1) {
                throw new QuerySyntaxException("the \\ at column " + (i + 1)
                        + " escapes nothing: remove it, or write \\\\ for a backslash");
            } else if (c == '\\') {
                i++; // an escaped character, e.g. \" inside a phrase
            } else if (c == '"') {
                open = open < 0 ? i : -1;
            }
        }
        if (open >= 0) {
            throw new QuerySyntaxException("unclosed quote at column " + (open + 1)
                    + ": end the phrase with \"");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** A refusal of ours raised inside the parser; its message is already the user's message. */
    private static final class Refused extends ParseException {
        Refused(String message) {
            super(message);
        }
    }

    /** The classic parser limited to our fields, without leading wildcards or regexps. */
    private static final class ScopedParser extends QueryParser {
        private final String text;

        ScopedParser(String text, Analyzer analyzer) {
            super(Fields.TEXT, analyzer);
            this.text = text;
            setDefaultOperator(QueryParser.AND_OPERATOR);
            setAllowLeadingWildcard(false);
            setSplitOnWhitespace(true); // each word of the query on its own, as users expect
            setAutoGeneratePhraseQueries(true); // "e-mail" stays a phrase, not two loose words
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            return super.getFieldQuery(scoped(field), queryText, quoted);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2,
                boolean startInclusive, boolean endInclusive) throws ParseException {
            return super.getRangeQuery(scoped(field), part1, part2, startInclusive, endInclusive);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            return super.getFuzzyQuery(scoped(field), termStr, minSimilarity);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            checkNoLeadingWildcard(termStr);
            return super.getPrefixQuery(scoped(field), termStr);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            checkNoLeadingWildcard(termStr);
            return super.getWildcardQuery(scoped(field), termStr);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            // A regexp can be made arbitrarily expensive to expand; nobody needs one to find a call.
            throw new Refused("regular expressions are not supported (" + at("/" + termStr)
                    + "): put a \\ before /");
        }

        /** The field to search, forgiving case ("Customer:"); any field but ours is refused. */
        private String scoped(String field) throws ParseException {
            String lower = field.toLowerCase(Locale.ROOT);
            if (Fields.QUERYABLE.contains(lower)) {
                return lower;
            }
            throw new Refused("unknown field '" + field + "' " + at(fieldPattern(field))
                    + ": use customer: or agent:");
        }

        private void checkNoLeadingWildcard(String termStr) throws ParseException {
            // A leading wildcard scans every term of the index.
            if (termStr.startsWith("*") || termStr.startsWith("?")) {
                throw new Refused("a word cannot start with * or ? (" + at(termStr)
                        + "): put at least one letter before it");
            }
        }

        private String at(String literal) {
            return at(Pattern.compile(Pattern.quote(literal), Pattern.CASE_INSENSITIVE));
        }

        /** Where the user wrote it: the parser hands us the field, not its position. */
        private String at(Pattern pattern) {
            Matcher m = pattern.matcher(text);
            return m.find() ? "at column " + (m.start() + 1) : "in '" + abbreviate(text) + "'";
        }

        private static Pattern fieldPattern(String field) {
            return Pattern.compile("(?<![\\p{L}\\p{N}_\\\\])" + Pattern.quote(field) + "\\s*:",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
    }
}
