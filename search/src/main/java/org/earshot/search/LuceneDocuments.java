package org.earshot.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/** Turns a {@link CallDocument} into the one Lucene document that stands for the call in the index. */
final class LuceneDocuments {

    private LuceneDocuments() {
    }

    static Document toLucene(CallDocument call) {
        Document doc = new Document();
        doc.add(new StringField(Fields.ID, call.id(), Field.Store.YES));

        long startedAt = call.startedAt().toEpochMilli();
        doc.add(new LongPoint(Fields.STARTED_AT, startedAt));
        doc.add(new NumericDocValuesField(Fields.STARTED_AT, startedAt));
        doc.add(new DoublePoint(Fields.DURATION, call.durationSeconds()));
        doc.add(new DoubleDocValuesField(Fields.DURATION, call.durationSeconds()));

        // Stored for debugging and future facets; the server reads full metadata from its store.
        addKeyword(doc, Fields.CALLER, call.caller());
        addKeyword(doc, Fields.QUEUE, call.queue());
        addKeyword(doc, Fields.AGENT_NAME, call.agent());
        addKeyword(doc, Fields.OUTCOME, call.outcome());

        for (PartyWords party : PartyWords.of(call.words())) {
            String text = party.joined();
            // One value per party: the analyzer's position gap keeps phrases inside one party.
            doc.add(new TextField(Fields.TEXT, text, Field.Store.NO));
            String partyField = partyField(party.party());
            if (partyField != null) {
                doc.add(new TextField(partyField, text, Field.Store.NO));
            }
            party.storeIn(doc);
        }
        return doc;
    }

    /**
     * The scoped field of a party's words, or null for a party with none: a mono recording's
     * "mixed" words are searchable through {@code text} only.
     */
    static String partyField(String party) {
        return switch (party) {
            case Fields.CUSTOMER -> Fields.CUSTOMER;
            case Fields.AGENT -> Fields.AGENT;
            default -> null;
        };
    }

    private static void addKeyword(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StringField(field, value, Field.Store.YES));
        }
    }
}
