/** Speech benchmark: the whole analysis, DSP alone and naive full-channel Vosk, timed in one run. */
package org.earshot.bench.speech;
