package org.earshot.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.earshot.server.auth.Authenticator;
import org.earshot.speech.audio.PcmWavHeader;
import org.earshot.speech.audio.RecordingPeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.server.jobs.RecordingLocator;
import org.earshot.server.store.CallStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallRecord;

/**
 * A call's recording for the browser's player (SPEC, GET /api/calls/{id}/audio), with Range
 * requests so the player can jump to a snippet's second. MixMonitor's headerless stereo .raw is
 * served as WAV by putting a 44-byte header in front of it.
 */
final class AudioRoutes {


    private static final int WAV_HEADER = PcmWavHeader.LENGTH;
    private static final long MAX_CHUNK = 8L << 20;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private static final int MAX_POINTS = 4000;
    // Waveforms of recently opened calls: decoding a long recording for each page view would be wasteful.
    private static final int CACHED_WAVEFORMS = 32;

    /** Peak level (0-1) per time bucket of one party's channel. */
    record Lane(String party, float[] peaks) {
    }

    record Waveform(double durationSeconds, int points, List<Lane> lanes) {
    }

    private final CallStore calls;
    private final RecordingLocator recordings;
    private final Authenticator auth;
    private final ObjectMapper json;
    private final Map<String, Waveform> waveforms = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Waveform> eldest) {
                    return size() > CACHED_WAVEFORMS;
                }
            });

    // A player sends several Range requests per listen (and may re-fetch the start): one audit entry per user,
    // call and quarter of an hour is what "who listened to this call when" needs.
    private static final java.time.Duration LISTEN = java.time.Duration.ofMinutes(15);
    private final Map<String, Long> lastListen = new java.util.concurrent.ConcurrentHashMap<>();

    private boolean firstListen(String username, String callId) {
        long now = System.nanoTime();
        lastListen.values().removeIf(t -> now - t > LISTEN.toNanos());
        return lastListen.putIfAbsent(username + "\n" + callId, now) == null;
    }

    AudioRoutes(CallStore calls, RecordingLocator recordings, Authenticator auth, ObjectMapper json) {
        this.calls = calls;
        this.recordings = recordings;
        this.auth = auth;
        this.json = json;
    }

    Response audio(Request request) throws IOException {
        String id = request.pathParam("id");
        Path file = recording(id);
        boolean raw = file.getFileName().toString().endsWith(".raw");
        long dataLength = Files.size(file);
        long total = raw ? dataLength + WAV_HEADER : dataLength;
        String rangeHeader = request.headers().get("Range");
        if (rangeHeader != null && !RANGE.matcher(rangeHeader.strip()).matches()) {
            rangeHeader = null; // RFC 9110 14.2: a Range this server cannot read is ignored, the whole file served
        }
        long[] range = rangeHeader == null ? new long[] {0, total - 1} : range(rangeHeader, total);
        if (range[0] == 0 && firstListen(request.principal().username(), id)) {
            auth.record(request.principal().username(), "call-played", id, null);
        }
        // 206 only answers a Range request (players send "bytes=0-"); without one the whole file is the answer.
        boolean partial = rangeHeader != null;
        Response response = streamed(partial ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK, file, raw,
                range[0], range[1], dataLength).withHeader("Accept-Ranges", "bytes");
        return partial ? response.withHeader("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + total) : response;
    }

    /**
     * GET /api/calls/{id}/waveform?points=N: the peak level per time bucket of each channel, named by party
     * (from the analysis report's channel mapping), for drawing the call without downloading the audio.
     */
    Response waveform(Request request) throws IOException {
        String id = request.pathParam("id");
        int points = request.intParam("points", 1000, 10, MAX_POINTS);
        // Asked first, cache or not: a recording erased or purged (on any node) is gone from the waveform too.
        Path file = recording(id);
        // The file's time is in the key: a recording rewritten since (card data silenced) is drawn again.
        String key = id + "/" + points + "/" + java.nio.file.Files.getLastModifiedTime(file).toMillis();
        Waveform waveform = waveforms.get(key);
        if (waveform == null) {
            RecordingPeaks peaks;
            try {
                peaks = RecordingPeaks.read(file, points);
            } catch (IOException e) {
                throw ApiException.notFound("the recording of call " + id + " cannot be read: " + e.getMessage());
            }
            List<String> parties = parties(id, peaks.peaks().length);
            List<Lane> lanes = new java.util.ArrayList<>();
            for (int c = 0; c < peaks.peaks().length; c++) {
                lanes.add(new Lane(parties.get(c), peaks.peaks()[c]));
            }
            waveform = new Waveform(peaks.durationSeconds(), points, lanes);
            waveforms.put(key, waveform);
        }
        return Response.json(json.writeValueAsBytes(waveform));
    }

    private Path recording(String id) {
        CallRecord call = calls.find(id).orElseThrow(() -> ApiException.notFound("no call with id " + id));
        if (call.recordingFile() == null) {
            throw ApiException.notFound("call " + id + " has no recording");
        }
        Path file = recordings.locate(call.recordingFile());
        String name = file.getFileName().toString();
        if (!name.endsWith(".wav") && !name.endsWith(".raw")) {
            // The store names the file; serve recordings only, whatever a row says.
            throw ApiException.notFound("the recording of call " + id + " is not a .wav or .raw file");
        }
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("the recording of call " + id + " is not on this server: " + file.getFileName());
        }
        return file;
    }

    /** Party per channel: the analysis report's mapping when there is one, else SPEC's left/right names. */
    private List<String> parties(String id, int channels) {
        if (channels == 1) {
            return List.of("mixed");
        }
        Map<String, String> mapping = calls.findAnalysis(id).map(AnalysisReport::channels).orElse(Map.of());
        return List.of(java.util.Objects.requireNonNullElse(mapping.get("left"), "left"),
                java.util.Objects.requireNonNullElse(mapping.get("right"), "right"));
    }

    /** The requested [first, last] byte positions, clipped to what one answer carries. */
    private static long[] range(String header, long total) {
        long first = 0;
        long last = total - 1;
        if (header != null) {
            Matcher m = RANGE.matcher(header.strip());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty()) || m.group(1).length() > 18
                    || m.group(2).length() > 18) {
                throw unsatisfiable("Range must be bytes=FIRST-[LAST] or bytes=-SUFFIX, was '" + header + "'", total);
            }
            if (m.group(1).isEmpty()) {
                first = Math.max(0, total - Long.parseLong(m.group(2)));
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? total - 1 : Math.min(total - 1, Long.parseLong(m.group(2)));
            }
            if (first > last || first >= total) {
                throw unsatisfiable("Range " + header + " is outside the recording's " + total + " bytes", total);
            }
        }
        return new long[] {first, Math.min(last, first + MAX_CHUNK - 1)};
    }

    private static ApiException unsatisfiable(String detail, long total) {
        return new ApiException(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "bad range", detail,
                Map.of("Content-Range", "bytes */" + total));
    }

    /**
     * Bytes first..last of what the player sees: for a {@code .raw}, a WAV header then the file. The file's
     * part is streamed from disk, so a recording of any size costs no more memory than a small one.
     */
    private static Response streamed(HttpResponseStatus status, Path file, boolean raw, long first, long last, long dataLength) {
        byte[] head = new byte[0];
        if (raw && first < WAV_HEADER) {
            head = java.util.Arrays.copyOfRange(wavHeader(dataLength), (int) first, (int) Math.min(WAV_HEADER, last + 1));
        }
        long fileFirst = raw ? Math.max(0, first - WAV_HEADER) : first;
        long fileLast = raw ? last - WAV_HEADER : last;
        Response.FilePart part = fileLast < fileFirst ? null : new Response.FilePart(file, fileFirst, fileLast - fileFirst + 1);
        return new Response(status, "audio/wav", head, Map.of(), part);
    }

    /** WAV header of MixMonitor's D-option raw: 2 channels, 8000 Hz, signed 16-bit little-endian. */
    static byte[] wavHeader(long dataLength) {
        return PcmWavHeader.bytes(8000, 2, 16, dataLength);
    }
}
