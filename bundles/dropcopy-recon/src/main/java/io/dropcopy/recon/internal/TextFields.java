package io.dropcopy.recon.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record of text components as a map of its fields by name and back (the recon journal and evidence): the names
 * are given in the order of the components, so a journal key may differ from the component's name.
 */
final class TextFields {
    private TextFields() {
    }

    static Map<String, String> of(Record r, List<String> names) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (int i = 0; i < components.length; i++) {
                m.put(names.get(i), (String) components[i].getAccessor().invoke(r));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    static <R extends Record> R read(Class<R> type, List<String> names, Map<String, ?> m) {
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            Object v = m.get(names.get(i));
            values[i] = v == null ? null : v.toString();
        }
        Class<?>[] types = new Class<?>[values.length];
        Arrays.fill(types, String.class);
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
