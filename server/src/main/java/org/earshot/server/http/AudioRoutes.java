package org.earshot.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.server.jobs.RecordingLocator;
import org.earshot.server.store.CallStore;
import org.earshot.telephony.CallRecord;

/**
 * A call's recording for the browser's player (SPEC, GET /api/calls/{id}/audio), with Range
 * requests so the player can jump to a snippet's second. MixMonitor's headerless stereo .raw is
 * served as WAV by putting a 44-byte header in front of it.
 */
final class AudioRoutes {

    private static final int WAV_HEADER = 44;
    private static final long MAX_CHUNK = 8L << 20;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final CallStore calls;
    private final RecordingLocator recordings;

    AudioRoutes(CallStore calls, RecordingLocator recordings) {
        this.calls = calls;
        this.recordings = recordings;
    }

    Response audio(Request request) throws IOException {
        String id = request.pathParam("id");
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
        boolean raw = file.getFileName().toString().endsWith(".raw");
        long dataLength = Files.size(file);
        long total = raw ? dataLength + WAV_HEADER : dataLength;
        String rangeHeader = request.headers().get("Range");
        long[] range = rangeHeader == null ? new long[] {0, total - 1} : range(rangeHeader, total);
        byte[] body = read(file, raw, range[0], range[1], dataLength);
        // 206 only answers a Range request (players send "bytes=0-"); without one the whole file is the answer.
        boolean partial = rangeHeader != null;
        Response response = new Response(partial ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK, "audio/wav",
                body, Map.of("Accept-Ranges", "bytes"));
        return partial ? response.withHeader("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + total) : response;
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

    private static byte[] read(Path file, boolean raw, long first, long last, long dataLength) throws IOException {
        byte[] out = new byte[(int) (last - first + 1)];
        int filled = 0;
        if (raw && first < WAV_HEADER) {
            byte[] header = wavHeader(dataLength);
            filled = (int) Math.min(out.length, WAV_HEADER - first);
            System.arraycopy(header, (int) first, out, 0, filled);
        }
        long fileOffset = raw ? Math.max(0, first - WAV_HEADER) : first;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(fileOffset);
            in.readFully(out, filled, out.length - filled);
        }
        return out;
    }

    /** RIFF header of MixMonitor's D-option raw: 2 channels, 8000 Hz, signed 16-bit little-endian. */
    static byte[] wavHeader(long dataLength) {
        ByteBuffer b = ByteBuffer.allocate(WAV_HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataLength))
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 2).putInt(8000).putInt(8000 * 4).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataLength);
        return b.array();
    }
}
