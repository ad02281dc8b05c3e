package org.earshot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.BytesRef;
import org.earshot.search.QueryTerms.Sought;
import org.earshot.search.SearchResult.Snippet;

/**
 * Builds a hit's snippets: finds the query's words in the stored words of the parties they were
 * sought in and returns, for the first few matches in time order, the words around each with the
 * matched ones in {@code <em>}, timed at the first matched word.
 *
 * <p>Stored words are run through the index analyzer, so a match here is a match there (same
 * tokenizer, same lowercasing). The snippet text is HTML: words are escaped, only {@code <em>} is
 * markup.
 */
final class Snippets {

    static final int MAX_PER_HIT = 3;
    /** Words of context on each side of a match. */
    static final int CONTEXT_WORDS = 5;

    private final Analyzer analyzer;

    Snippets(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    private record Token(BytesRef term, int word) {
    }

    private record Match(PartyWords words, int firstWord, int lastWord) {
        double time() {
            return words.startSeconds(firstWord);
        }
    }

    List<Snippet> of(List<PartyWords> parties, List<Sought> sought) {
        if (sought.isEmpty()) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        for (PartyWords party : parties) {
            List<Sought> here = sought.stream().filter(s -> s.appliesTo(party.party())).toList();
            if (!here.isEmpty()) {
                matches.addAll(find(party, tokens(party), here));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::time).thenComparingInt(Match::firstWord));
        return render(matches);
    }

    private static List<Match> find(PartyWords party, List<Token> tokens, List<Sought> sought) {
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            for (Sought s : sought) {
                int n = s.steps().size();
                if (i + n <= tokens.size() && matchesAt(tokens, i, s)) {
                    matches.add(new Match(party, tokens.get(i).word(), tokens.get(i + n - 1).word()));
                }
            }
        }
        return matches;
    }

    private static boolean matchesAt(List<Token> tokens, int from, Sought sought) {
        for (int k = 0; k < sought.steps().size(); k++) {
            if (!sought.steps().get(k).test(tokens.get(from + k).term())) {
                return false;
            }
        }
        return true;
    }

    /** One snippet per match, skipping matches already shown inside an earlier snippet's window. */
    private static List<Snippet> render(List<Match> matches) {
        List<Snippet> snippets = new ArrayList<>();
        List<Match> shown = new ArrayList<>();
        for (Match m : matches) {
            if (snippets.size() == MAX_PER_HIT) {
                break;
            }
            if (shown.stream().anyMatch(s -> s.words() == m.words()
                    && m.firstWord() >= s.firstWord() - CONTEXT_WORDS
                    && m.lastWord() <= s.lastWord() + CONTEXT_WORDS)) {
                continue;
            }
            shown.add(m);
            snippets.add(new Snippet(m.words().party(), m.time(), text(m, matches)));
        }
        return snippets;
    }

    private static String text(Match m, List<Match> all) {
        List<String> words = m.words().words();
        int from = Math.max(0, m.firstWord() - CONTEXT_WORDS);
        int to = Math.min(words.size() - 1, m.lastWord() + CONTEXT_WORDS);
        boolean[] matched = new boolean[to - from + 1];
        for (Match other : all) {
            if (other.words() == m.words()) {
                for (int w = Math.max(from, other.firstWord()); w <= Math.min(to, other.lastWord()); w++) {
                    matched[w - from] = true;
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (int w = from; w <= to; w++) {
            if (w > from) {
                text.append(' ');
            }
            String word = escape(words.get(w));
            text.append(matched[w - from] ? "<em>" + word + "</em>" : word);
        }
        return text.toString();
    }

    /** The party's words as analysed tokens, each tagged with the index of the word it came from. */
    private List<Token> tokens(PartyWords party) {
        String joined = party.joined();
        int[] wordStarts = new int[party.words().size()];
        for (int w = 0, offset = 0; w < wordStarts.length; w++) {
            wordStarts[w] = offset;
            offset += party.words().get(w).length() + 1;
        }
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(Fields.TEXT, joined)) {
            var term = stream.addAttribute(TermToBytesRefAttribute.class);
            var offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                int word = Arrays.binarySearch(wordStarts, offset.startOffset());
                tokens.add(new Token(BytesRef.deepCopyOf(term.getBytesRef()), word >= 0 ? word : -word - 2));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing stored words cannot fail on a String", e);
        }
        return tokens;
    }

    private static String escape(String word) {
        return word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
