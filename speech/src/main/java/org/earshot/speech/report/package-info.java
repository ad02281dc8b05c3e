/** Assembles the SPEC's {@link org.earshot.speech.AnalysisReport} from the results of each stage; internal. */
package org.earshot.speech.report;
