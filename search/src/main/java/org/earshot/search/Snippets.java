package org.earshot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
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


    /** Where one sought thing was found: the indexes of the matched words, ascending. */
    private record Match(PartyWords words, int[] matched) {
        int firstWord() {
            return matched[0];
        }

        int lastWord() {
            return matched[matched.length - 1];
        }

        double time() {
            return words.startSeconds(firstWord());
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

    private static List<Match> find(PartyWords party, Tokens tokens, List<Sought> sought) {
        List<Match> matches = new ArrayList<>();
        BytesRef scratch = new BytesRef();
        for (int i = 0; i < tokens.size; i++) {
            for (Sought s : sought) {
                int[] words = s.slop() == 0 ? inOrderAt(tokens, i, s, scratch) : nearAt(tokens, i, s, scratch);
                if (words != null) {
                    matches.add(new Match(party, words));
                }
            }
        }
        return matches;
    }

    /** The words of the steps matched by consecutive tokens from {@code from}, or null. */
    private static int[] inOrderAt(Tokens tokens, int from, Sought sought, BytesRef scratch) {
        int n = sought.steps().size();
        if (from + n > tokens.size) {
            return null;
        }
        for (int k = 0; k < n; k++) {
            if (!tokens.test(from + k, sought.steps().get(k), scratch)) {
                return null;
            }
        }
        return tokens.wordsOf(IntStream.range(from, from + n).toArray());
    }

    /**
     * The words of the steps each matched by a distinct token in the window of steps + slop tokens
     * that starts with a matched token at {@code from}, or null.
     */
    private static int[] nearAt(Tokens tokens, int from, Sought sought, BytesRef scratch) {
        int end = Math.min(tokens.size, from + sought.steps().size() + sought.slop());
        int[] used = new int[sought.steps().size()];
        boolean fromUsed = false;
        for (int k = 0; k < used.length; k++) {
            used[k] = -1;
            for (int t = from; t < end && used[k] < 0; t++) {
                final int token = t;
                boolean taken = Arrays.stream(used).anyMatch(u -> u == token);
                if (!taken && tokens.test(t, sought.steps().get(k), scratch)) {
                    used[k] = t;
                }
            }
            if (used[k] < 0) {
                return null;
            }
            fromUsed |= used[k] == from;
        }
        return fromUsed ? tokens.wordsOf(used) : null; // each window is reported once, from its first match
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
                for (int w : other.matched()) {
                    if (w >= from && w <= to) {
                        matched[w - from] = true;
                    }
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

    /**
     * The party's words as analysed tokens, each tagged with the index of the word it came from.
     * A stored word holds no spaces, so no token spans two words and each word can be analysed on
     * its own; a plain ASCII word (letters and digits, apostrophes between letters: "can't") is the
     * one lowercase token the analyzer would make of it, which skips the analyzer for almost every word.
     */
    private Tokens tokens(PartyWords party) {
        List<String> words = party.words();
        Tokens tokens = new Tokens(words.size());
        for (int w = 0; w < words.size(); w++) {
            if (!tokens.addPlain(words.get(w), w)) {
                analyse(words.get(w), w, tokens);
            }
        }
        return tokens;
    }

    /** The word's single token when the analyzer would just lowercase it, else null. */
    static BytesRef plainToken(String word) {
        Tokens one = new Tokens(1);
        return one.addPlain(word, 0) ? new BytesRef(one.bytes, one.start[0], one.length[0]) : null;
    }

    private void analyse(String word, int index, Tokens tokens) {
        try (TokenStream stream = analyzer.tokenStream(Fields.CUSTOMER, word)) {
            var term = stream.addAttribute(TermToBytesRefAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                BytesRef bytes = term.getBytesRef();
                tokens.add(bytes.bytes, bytes.offset, bytes.length, index);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing stored words cannot fail on a String", e);
        }
    }

    /**
     * A party's tokens packed into one byte array (UTF-8, back to back) with each token's start,
     * length and word: one allocation per party rather than two per word, on the search path.
     */
    private static final class Tokens {
        byte[] bytes;
        int[] start;
        int[] length;
        int[] word;
        int size;
        private int used;

        Tokens(int words) {
            bytes = new byte[Math.max(16, words * 8)];
            start = new int[Math.max(1, words)];
            length = new int[start.length];
            word = new int[start.length];
        }

        boolean test(int token, Predicate<BytesRef> step, BytesRef scratch) {
            scratch.bytes = bytes;
            scratch.offset = start[token];
            scratch.length = length[token];
            return step.test(scratch);
        }

        int[] wordsOf(int[] tokens) {
            return Arrays.stream(tokens).map(t -> word[t]).sorted().distinct().toArray();
        }

        /** Adds the word as its lowercase self if it is plain ASCII, else adds nothing and says so. */
        boolean addPlain(String w, int wordIndex) {
            int n = w.length();
            if (n == 0) {
                return false;
            }
            ensure(n);
            for (int i = 0; i < n; i++) {
                char c = w.charAt(i);
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    bytes[used + i] = (byte) c;
                } else if (c >= 'A' && c <= 'Z') {
                    bytes[used + i] = (byte) (c + ('a' - 'A'));
                } else if (c == '\'' && i > 0 && i < n - 1 && isAsciiLetter(w.charAt(i - 1))
                        && isAsciiLetter(w.charAt(i + 1))) {
                    bytes[used + i] = (byte) c;
                } else {
                    return false; // nothing was committed: used and size are unchanged
                }
            }
            commit(n, wordIndex);
            return true;
        }

        void add(byte[] src, int offset, int len, int wordIndex) {
            ensure(len);
            System.arraycopy(src, offset, bytes, used, len);
            commit(len, wordIndex);
        }

        private void ensure(int len) {
            if (used + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + len));
            }
            if (size == start.length) {
                start = Arrays.copyOf(start, size * 2);
                length = Arrays.copyOf(length, size * 2);
                word = Arrays.copyOf(word, size * 2);
            }
        }

        private void commit(int len, int wordIndex) {
            start[size] = used;
            length[size] = len;
            word[size] = wordIndex;
            size++;
            used += len;
        }

        private static boolean isAsciiLetter(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }
    }

    private static String escape(String word) {
        return word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
