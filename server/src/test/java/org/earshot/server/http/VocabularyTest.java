package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.earshot.search.CallQuery;
import org.earshot.server.qa.ReviewInput;
import org.earshot.telephony.CallOutcome;
import org.junit.jupiter.api.Test;

/** The words the UI lists come from GET /api/vocabulary, and the web pages keep no list of their own. */
class VocabularyTest {

    private static final Path WEB = Path.of("src/main/resources/web");
    /** A word as an element of an array literal ({@code ['answered', 'abandoned']}), not a property's value. */
    private static final String ELEMENT = "(?:\\[|,)\\s*['\"`]%s['\"`]\\s*(?=,|\\])";

    @Test
    void servedOutcomesAreTelephonysOutcomesAndTheOnesSearchTakes() {
        List<String> served = Vocabulary.of(ZoneId.of("UTC")).outcomes();

        assertThat(served).containsExactlyElementsOf(Arrays.stream(CallOutcome.values()).map(CallOutcome::key).toList());
        assertThat(served).containsExactlyElementsOf(CallQuery.OUTCOMES).contains("timeout", "exit-with-key");
    }

    @Test
    void servedFlagsAreTheOnesSearchFiltersOnEachWithAMeaning() {
        List<Vocabulary.Flag> served = Vocabulary.of(ZoneId.of("UTC")).flags();

        assertThat(served).extracting(Vocabulary.Flag::key).containsExactlyElementsOf(CallQuery.FLAGS);
        assertThat(served).allSatisfy(flag -> assertThat(flag.description()).isNotBlank().isNotEqualTo(flag.key()));
    }

    @Test
    void servedReviewStatusesAreTheOnesAReviewTakesInTheOrderAReviewGoes() {
        assertThat(Vocabulary.of(ZoneId.of("UTC")).reviewStatuses())
                .containsExactlyInAnyOrderElementsOf(ReviewInput.STATUSES).startsWith("to-review");
    }

    @Test
    void theWebPagesOfferNoOutcomeOrFlagTheyDidNotGetFromTheServer() throws IOException {
        List<String> words = Stream.concat(CallQuery.OUTCOMES.stream(), CallQuery.FLAGS.stream()).toList();
        String html = Files.readString(WEB.resolve("index.html"));
        for (String word : words) {
            assertThat(html).as("index.html lists %s", word).doesNotContain(">" + word + "</option>")
                    .doesNotContain("value=\"" + word + "\"");
        }
        try (Stream<Path> files = Files.list(WEB)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js") || f.toString().endsWith(".html")).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file + " names an outcome the API does not know").doesNotContain("timed-out");
                assertThat(mostListedIn(text, "\\[[^\\[\\]]*\\]", CallQuery.OUTCOMES, ELEMENT))
                        .as(file + ": an array of outcomes").isLessThan(2);
                assertThat(mostListedIn(text, "\\[[^\\[\\]]*\\]", CallQuery.FLAGS, ELEMENT))
                        .as(file + ": an array of flags").isLessThan(2);
                // An object giving flags their text is a list too (FLAG_TEXT once was the flag list).
                assertThat(mostListedIn(text, "\\{[^{}]*\\}", CallQuery.FLAGS, "(?:'%s'|\\b%s)\\s*:\\s*['\"`]"))
                        .as(file + ": flags with their text").isLessThan(2);
            }
        }
    }

    /** The most of {@code words} that one literal matched by {@code literal} holds, each found by {@code form}. */
    private static int mostListedIn(String text, String literal, List<String> words, String form) {
        int most = 0;
        Matcher m = Pattern.compile(literal).matcher(text);
        while (m.find()) {
            String body = m.group();
            int n = 0;
            for (String word : words) {
                String quoted = Pattern.quote(word);
                if (Pattern.compile(form.replace("%s", quoted)).matcher(body).find()) {
                    n++;
                }
            }
            most = Math.max(most, n);
        }
        return most;
    }
}
