package org.earshot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;

/** Turns a {@link CallDocument} into the one Lucene document that stands for the call in the index. */
final class LuceneDocuments {

    private LuceneDocuments() {
    }

    static Document toLucene(CallDocument call) {
        Document doc = new Document();
        doc.add(new StringField(Fields.ID, call.id(), Field.Store.YES));
        doc.add(new LongField(Fields.STARTED_AT, call.startedAt().toEpochMilli(), Field.Store.NO));
        addNumber(doc, Fields.DURATION, call.durationSeconds());
        addNumber(doc, Fields.WAIT, call.waitSeconds());
        addNumber(doc, Fields.TALK, call.talkSeconds());
        addNumber(doc, Fields.HOLD, call.holdSeconds());
        call.figures().forEach((name, value) -> addNumber(doc, name, value));
        if (call.analysed()) {
            doc.add(new NumericDocValuesField(Fields.ANALYSED, 1));
        }
        if (call.caller() != null && !Fields.callerNumber(call.caller()).isEmpty()) {
            doc.add(new StringField(Fields.CALLER_NUMBER, Fields.callerNumber(call.caller()), Field.Store.NO));
        }

        // Stored for debugging; the server reads full metadata from its store.
        addKeyword(doc, Fields.CALLER, call.caller());
        addKeyword(doc, Fields.DIRECTION, call.direction());
        addKeyword(doc, Fields.QUEUE, call.queue());
        addKeyword(doc, Fields.OUTCOME, call.outcome());
        addKeyword(doc, Fields.CRM_ID, call.crmId());
        call.redacted().stream().distinct().forEach(kind -> addKeyword(doc, Fields.REDACTED, kind));
        call.agents().forEach(agent -> addKeyword(doc, Fields.AGENT_NAME, agent));
        call.flags().forEach(flag -> addKeyword(doc, Fields.FLAG, flag));
        addFacet(doc, SearchResult.QUEUE, call.queue());
        addFacet(doc, SearchResult.OUTCOME, call.outcome());
        call.agents().stream().distinct().forEach(agent -> addFacet(doc, SearchResult.AGENT, agent));
        call.flags().stream().distinct().forEach(flag -> addFacet(doc, SearchResult.FLAG, flag));

        for (PartyWords party : PartyWords.of(call.words())) {
            // Each party's words are indexed once, in its own field: unscoped queries search all three.
            String joined = party.joined();
            doc.add(new TextField(Fields.partyField(party.party()), joined, Field.Store.NO));
            party.storeIn(doc, joined);
        }
        try {
            return Fields.FACETS.build(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("building facet fields touches no I/O without a taxonomy", e);
        }
    }

    private static void addNumber(Document doc, String field, Double value) {
        if (value != null) {
            // + 0.0 turns -0.0 into 0.0: points order -0.0 below 0.0, so "= 0" would miss it.
            doc.add(new DoubleField(field, value + 0.0, Field.Store.NO));
        }
    }

    private static void addKeyword(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StringField(field, value, Field.Store.YES));
        }
    }

    private static void addFacet(Document doc, String dim, String value) {
        if (value != null && !value.isEmpty()) {
            doc.add(new SortedSetDocValuesFacetField(dim, value));
        }
    }
}
