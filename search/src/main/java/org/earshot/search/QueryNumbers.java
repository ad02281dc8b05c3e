package org.earshot.search;

import static org.apache.lucene.queryparser.classic.QueryParserConstants.CARAT;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.EOF;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.FUZZY_SLOP;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.NUMBER;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.PREFIXTERM;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.QUOTED;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.RPAREN;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.TERM;
import static org.apache.lucene.queryparser.classic.QueryParserConstants.WILDTERM;

import java.io.StringReader;
import java.util.regex.Pattern;
import org.apache.lucene.queryparser.charstream.FastCharStream;
import org.apache.lucene.queryparser.classic.QueryParserTokenManager;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;

/**
 * Checks the numbers a user writes in query text before the classic parser sees them: the slop of
 * a {@code "phrase"~5}, the edits of a {@code fuzzy~1} and the {@code word^2} boost. The parser
 * bends some silently ({@code cancel~3} searches with 2 edits, {@code ~abc} with the default) and
 * fails on others with an exception that names neither the number nor where it is ({@code ~-3}
 * after a phrase, {@code ^-2}, a boost too large for a float). Reads the text with the parser's
 * own lexer, so quotes and escapes are understood as the parser understands them; what the lexer
 * cannot read is left for the parser to explain.
 */
final class QueryNumbers {

    private static final Pattern WHOLE = Pattern.compile("\\d+");
    private static final Pattern NEGATIVE_WHOLE = Pattern.compile("-\\d+");
    /** Lucene's automata go to 2 edits; a fraction is the deprecated "similarity", refused to keep one meaning. */
    private static final Pattern EDITS = Pattern.compile("[012]");

    private QueryNumbers() {
    }

    static void check(String text) throws QuerySyntaxException {
        var lexer = new QueryParserTokenManager(new FastCharStream(new StringReader(text)));
        Token subject = null; // the phrase, word or group a ~ or ^ belongs to
        Token previous = null;
        try {
            for (Token token = lexer.getNextToken(); token.kind != EOF; token = lexer.getNextToken()) {
                switch (token.kind) {
                    case FUZZY_SLOP -> checkTilde(subject, token);
                    case NUMBER -> checkBoost(subject, token); // the lexer reads a NUMBER only after ^
                    case CARAT -> { }
                    default -> subject = isSubject(token) ? token : null;
                }
                previous = token;
            }
        } catch (TokenMgrError e) {
            if (previous != null && previous.kind == CARAT && subject != null) {
                // Only digits may follow ^, e.g. cancel^-2: the parser would say "Lexical error".
                String rest = text.substring(previous.beginColumn + 1).strip().split("[\\s)]", 2)[0];
                throw new QuerySyntaxException("the boost after " + name(subject) + " must be a number 0 or more, was " + rest);
            }
            // Anything else the lexer cannot read: the parser says where.
        }
    }

    private static boolean isSubject(Token token) {
        return token.kind == QUOTED || token.kind == TERM || token.kind == PREFIXTERM || token.kind == WILDTERM
                || token.kind == RPAREN;
    }

    private static void checkTilde(Token subject, Token tilde) throws QuerySyntaxException {
        String value = tilde.image.substring(1);
        if (value.isEmpty() || subject == null) {
            return; // a bare ~ means the default; a ~ after nothing is the parser's "unexpected"
        }
        if (subject.kind == QUOTED && !WHOLE.matcher(value).matches()) {
            throw new QuerySyntaxException("the slop after " + name(subject) + " must be "
                    + (NEGATIVE_WHOLE.matcher(value).matches() ? "" : "a whole number ") + "0 or more, was " + value);
        }
        if (subject.kind == TERM && !EDITS.matcher(value).matches()) {
            throw new QuerySyntaxException("the edit distance after " + name(subject) + " must be 0, 1 or 2, was " + value);
        }
        // After a prefix or wildcard word the parser ignores ~; after a group it refuses it.
    }

    private static void checkBoost(Token subject, Token boost) throws QuerySyntaxException {
        if (subject != null && Float.isInfinite(Float.parseFloat(boost.image))) {
            throw new QuerySyntaxException("the boost after " + name(subject) + " is too large, was " + abbreviate(boost.image));
        }
    }

    private static String name(Token subject) {
        return switch (subject.kind) {
            case QUOTED -> subject.image;
            case RPAREN -> "the group closed at column " + (subject.beginColumn + 1);
            default -> "'" + subject.image + "'";
        };
    }

    private static String abbreviate(String number) {
        return number.length() <= 20 ? number : number.substring(0, 20) + "...";
    }
}
