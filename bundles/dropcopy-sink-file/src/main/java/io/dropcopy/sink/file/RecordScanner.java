package io.dropcopy.sink.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the complete records of a journal file: a record ends with LF (a CR before it is dropped), for CSV only
 * outside double quotes. Whatever follows the last complete record is a record cut short by a crash. Works on bytes:
 * CR, LF and the double quote never occur inside a multi-byte UTF-8 sequence.
 */
final class RecordScanner {
    interface RecordHandler {
        void record(String record, long endOffset);
    }

    private RecordScanner() {
    }

    /**
     * @param limit bytes to read at most (the file's length when it was opened)
     * @return the offset just after the last complete record (the length the file should have)
     */
    static long scan(InputStream in, long limit, boolean quoteAware, RecordHandler handler) throws IOException {
        byte[] chunk = new byte[1 << 16];
        byte[] buf = new byte[4096];
        int len = 0;
        boolean quoted = false;
        long offset = 0;
        long complete = 0;
        while (offset < limit) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, limit - offset));
            if (n < 0) {
                break;
            }
            for (int k = 0; k < n; k++) {
                byte b = chunk[k];
                if (b == '\n' && !quoted) {
                    int end = len > 0 && buf[len - 1] == '\r' ? len - 1 : len;
                    handler.record(new String(buf, 0, end, StandardCharsets.UTF_8), offset + k + 1);
                    len = 0;
                    complete = offset + k + 1;
                    continue;
                }
                if (quoteAware && b == '"') {
                    quoted = !quoted; // a doubled quote toggles twice
                }
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                buf[len++] = b;
            }
            offset += n;
        }
        return complete;
    }
}
