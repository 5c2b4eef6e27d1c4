package io.dropcopy.sink.file.camel;

import io.dropcopy.sink.file.FileSink;
import io.dropcopy.sink.file.FileSinkOptions;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link FileSink} per directory and format in this JVM, shared by every endpoint (of every Camel context) that
 * names it with the same options: a message is then skipped as a duplicate whichever route writes it.
 */
final class SharedFileSinks {
    private static final Map<String, Entry> SINKS = new HashMap<>();

    private static final class Entry {
        final FileSink sink;
        int users;

        Entry(FileSink sink) {
            this.sink = sink;
        }
    }

    private SharedFileSinks() {
    }

    static synchronized FileSink acquire(FileSinkOptions options) throws IOException {
        String key = options.directory() + "|" + options.format();
        Entry entry = SINKS.get(key);
        if (entry == null) {
            entry = new Entry(new FileSink(options));
            SINKS.put(key, entry);
        } else if (!entry.sink.options().equals(options)) {
            throw new IllegalArgumentException("dropcopy-file: " + options.directory() + " (" + options.format()
                    + ") is already written with other options (" + entry.sink.options() + "); use the same options");
        }
        entry.users++;
        return entry.sink;
    }

    static synchronized void release(FileSink sink) throws IOException {
        String key = sink.options().directory() + "|" + sink.options().format();
        Entry entry = SINKS.get(key);
        if (entry != null && entry.sink == sink && --entry.users == 0) {
            SINKS.remove(key);
            sink.close();
        }
    }
}
