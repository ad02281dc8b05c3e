package org.earshot.search;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Parses a search's query text with the classic query parser: words, "phrases", "proximity"~N,
 * prefix* and wild?ards, fuzzy~, AND / OR / NOT, {@code customer:} / {@code agent:} scoping.
 * A word without a field is sought in every party's words (or the {@code party} parameter's);
 * NOT clauses alone match every call without those words ({@link PureNegations}).
 * Every way the text can be refused, including the bounds on hostile input and the numbers after
 * ~ and ^ ({@link QueryNumbers}), ends in a one-line {@link QuerySyntaxException} that says where.
 */
final class TextQueries {

    /** Long enough for any hand-written query; bounds parser work on hostile input. */
    static final int MAX_LENGTH = 1_000;
    /** Parentheses nested deeper than this are refused: the parser recurses once per level. */
    static final int MAX_DEPTH = 20;
    /** Words, phrases and wildcard / fuzzy words in one query. */
    static final int MAX_WORDS = 100;
    /** Prefix, wildcard and fuzzy words in one query: each expands to many terms of the index. */
    static final int MAX_EXPANDING_WORDS = 10;

    private static final Pattern LEXICAL_POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private TextQueries() {
    }

    /**
     * The parsed query text, or null when it is null or blank (match all calls).
     *
     * @param party null, "customer" or "agent": where words without a field are sought
     */
    static Query parse(String text, String party, Analyzer analyzer) throws QuerySyntaxException {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw new QuerySyntaxException("query is " + text.length() + " characters long: at most "
                    + MAX_LENGTH + " are allowed");
        }
        checkEscapesQuotesAndDepth(text);
        QueryNumbers.check(text);
        List<String> unscoped = party == null ? Fields.PARTY_FIELDS : List.of(Fields.partyField(party));
        var parser = new ScopedParser(text, analyzer, unscoped); // QueryParser is not thread-safe: one per call
        try {
            return PureNegations.matchAllBut(parser.parse(text));
        } catch (ParseException wrapper) {
            // QueryParserBase.parse wraps the real cause in a ParseException with a long message.
            throw explain(text, wrapper.getCause() != null ? wrapper.getCause() : wrapper);
        } catch (TokenMgrError e) {
            throw explain(text, e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooManyClauses(e);
        } catch (TooComplexToDeterminizeException e) {
            throw tooComplex(e);
        } catch (RuntimeException e) {
            // Lucene refuses some values while building a query with an IllegalArgumentException. The
            // known ones are checked above with better words; whatever is left is still about the text
            // the user wrote, so it is a refusal of the text (a 400), not a failure of the server.
            throw new QuerySyntaxException("cannot search for '" + abbreviate(text) + "': " + e.getMessage(), e);
        }
    }

    static QuerySyntaxException tooComplex(RuntimeException cause) {
        return new QuerySyntaxException("a wildcard or fuzzy word is too complex: use fewer * and ?", cause);
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
    private static void checkEscapesQuotesAndDepth(String text) throws QuerySyntaxException {
        int open = -1;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i == text.length() - 1) {
                throw new QuerySyntaxException("the \\ at column " + (i + 1)
                        + " escapes nothing: remove it, or write \\\\ for a backslash");
            } else if (c == '\\') {
                i++; // an escaped character, e.g. \" inside a phrase
            } else if (c == '"') {
                open = open < 0 ? i : -1;
            } else if (open < 0 && c == '(' && ++depth > MAX_DEPTH) {
                throw new QuerySyntaxException("parentheses nest more than " + MAX_DEPTH
                        + " levels deep at column " + (i + 1));
            } else if (open < 0 && c == ')') {
                depth--;
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

    /** A query-building step for one concrete field, as the parser's super methods offer it. */
    private interface FieldQuery {
        Query build(String field) throws ParseException;
    }

    /**
     * The classic parser limited to our fields, without leading wildcards, regexps or ranges, that
     * counts the words it builds and expands a word without a field over the unscoped party fields
     * (a disjunction, like MultiFieldQueryParser's, so a phrase matches inside one party's words).
     */
    private static final class ScopedParser extends QueryParser {
        private final String text;
        private final List<String> unscoped;
        private int words;
        private int expandingWords;
        /** Inside a sloppy phrase, whose super method calls the plain field query back. */
        private boolean inPhrase;

        ScopedParser(String text, Analyzer analyzer, List<String> unscoped) {
            super(Fields.TEXT, analyzer);
            this.text = text;
            this.unscoped = unscoped;
            setDefaultOperator(QueryParser.AND_OPERATOR);
            setAllowLeadingWildcard(false);
            setSplitOnWhitespace(true); // each word of the query on its own, as users expect
            setAutoGeneratePhraseQueries(true); // "e-mail" stays a phrase, not two loose words
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (inPhrase) {
                return super.getFieldQuery(field, queryText, quoted); // field is already concrete
            }
            countWord(false, queryText);
            if (field != null && field.equalsIgnoreCase(Fields.REDACTED)) {
                return redacted(queryText);
            }
            return expand(field, f -> super.getFieldQuery(f, queryText, quoted));
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            countWord(false, queryText);
            inPhrase = true;
            try {
                return expand(field, f -> super.getFieldQuery(f, queryText, slop));
            } finally {
                inPhrase = false;
            }
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            countWord(true, termStr);
            return expand(field, f -> super.getFuzzyQuery(f, termStr, minSimilarity));
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            checkNoLeadingWildcard(termStr);
            countWord(true, termStr);
            return expand(field, f -> super.getPrefixQuery(f, termStr));
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            checkNoLeadingWildcard(termStr);
            countWord(true, termStr);
            return expand(field, f -> super.getWildcardQuery(f, termStr));
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2,
                boolean startInclusive, boolean endInclusive) throws ParseException {
            // A range over words enumerates the whole term dictionary, and finds no call anyone asked for.
            throw new Refused("ranges of words are not supported (" + at(Pattern.compile("[\\[{]"))
                    + "): for numbers use the minDuration, maxWait, ... or where= parameters");
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            // A regexp can be made arbitrarily expensive to expand; nobody needs one to find a call.
            throw new Refused("regular expressions are not supported (" + at("/" + termStr)
                    + "): put a \\ before /");
        }

        /** The query for one field, or a disjunction over the unscoped party fields. */
        private Query expand(String field, FieldQuery query) throws ParseException {
            String scoped = scoped(field);
            if (!scoped.equals(Fields.TEXT)) {
                return query.build(scoped);
            }
            var any = new BooleanQuery.Builder();
            int clauses = 0;
            for (String party : unscoped) {
                Query q = query.build(party);
                if (q != null) { // null: the word analyses to nothing, e.g. "-"
                    any.add(q, Occur.SHOULD);
                    clauses++;
                }
            }
            return clauses == 0 ? null : any.build();
        }

        private void countWord(boolean expanding, String word) throws ParseException {
            if (++words > MAX_WORDS) {
                throw new Refused("query has more than " + MAX_WORDS + " words and phrases: search for fewer");
            }
            if (expanding && ++expandingWords > MAX_EXPANDING_WORDS) {
                throw new Refused("query has more than " + MAX_EXPANDING_WORDS + " words with *, ? or ~ ("
                        + at(word) + "): each one is looked up in the whole index");
            }
        }

        /** {@code redacted:card}: the calls card data of that kind was redacted from (a keyword, not words). */
        private Query redacted(String kind) throws ParseException {
            String key = kind.strip().toLowerCase(Locale.ROOT);
            if (!CallDocument.REDACTED.contains(key)) {
                throw new Refused("redacted: takes one of " + String.join(", ", CallDocument.REDACTED) + ", was '"
                        + kind + "' " + at(fieldPattern(Fields.REDACTED)));
            }
            return new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(Fields.REDACTED, key));
        }

        /** The field to search, forgiving case ("Customer:"); any field but ours is refused. */
        private String scoped(String field) throws ParseException {
            if (field == null) {
                return Fields.TEXT;
            }
            String lower = field.toLowerCase(Locale.ROOT);
            if (Fields.QUERYABLE.contains(lower)) {
                return lower;
            }
            if (lower.equals(Fields.REDACTED)) {
                throw new Refused("redacted: takes one word, one of " + String.join(", ", CallDocument.REDACTED) + " "
                        + at(fieldPattern(field)));
            }
            throw new Refused("unknown field '" + field + "' " + at(fieldPattern(field))
                    + ": use customer:, agent: or redacted:");
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
