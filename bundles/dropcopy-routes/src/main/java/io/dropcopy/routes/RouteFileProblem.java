package io.dropcopy.routes;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * Turns a failure to load a route file into one line an operator can act on: what went wrong and, where the
 * DSL tells, at which line. The YAML DSL (snakeyaml) and the XML DSL (Camel's XML pull parser) report the
 * position of a syntax error on their exceptions; for a route that parses but cannot be created (an
 * unknown component, say) the line is the failing step's, known from the route model when the context
 * records source locations.
 */
final class RouteFileProblem {
    private static final Pattern AT = Pattern.compile(">>> (.+?) <<<");

    private RouteFileProblem() {
    }

    static String describe(Throwable failure, List<RouteDefinition> routes) {
        Integer line = null;
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (line == null) {
                line = lineOf(t);
            }
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                messages.add(m.strip().replaceAll("\\s*\\R\\s*", " "));
            }
        }
        if (line == null && routes != null) {
            line = lineOfFailedStep(failure, routes);
        }
        // The innermost message names the cause; the outer ones often repeat it with context.
        List<String> list = new ArrayList<>(messages);
        String text = list.isEmpty() ? failure.getClass().getName() : list.get(list.size() - 1);
        if (list.size() > 1 && !list.get(0).contains(text)) {
            text = list.get(0) + ": " + text;
        } else if (list.size() > 1) {
            text = list.get(0);
        }
        return (line != null ? "line " + line + ": " : "") + text;
    }

    /** " (line N)" for a definition whose line is known, else "". */
    static String line(OptionalIdentifiedDefinition<?> def) {
        return def.getLineNumber() > 0 ? " (line " + def.getLineNumber() + ")" : "";
    }

    /** The 1-based line a parser exception reports, read by name so that neither parser is a dependency. */
    private static Integer lineOf(Throwable t) {
        try {
            // Camel's XmlPullParserException (and XmlPullParserLocationException): 1-based.
            Method m = t.getClass().getMethod("getLineNumber");
            Object v = m.invoke(t);
            if (v instanceof Integer && (Integer) v > 0) {
                return (Integer) v;
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not a parser exception
        }
        try {
            // snakeyaml-engine's MarkedYamlEngineException (the YAML DSL's exceptions extend it): 0-based mark.
            Method m = t.getClass().getMethod("getProblemMark");
            Object v = m.invoke(t);
            if (v instanceof Optional) {
                v = ((Optional<?>) v).orElse(null);
            }
            if (v != null) {
                Object line = v.getClass().getMethod("getLine").invoke(v);
                if (line instanceof Integer) {
                    return (Integer) line + 1;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not a YAML exception
        }
        return null;
    }

    /** For a route that could not be created: the line of the step Camel names (">>> To[...] <<<"). */
    private static Integer lineOfFailedStep(Throwable failure, List<RouteDefinition> routes) {
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof FailedToCreateRouteException) {
                String routeId = ((FailedToCreateRouteException) t).getRouteId();
                for (RouteDefinition route : routes) {
                    if (routeId != null && !routeId.equals(route.getId())) {
                        continue;
                    }
                    Matcher m = AT.matcher(String.valueOf(t.getMessage()));
                    if (m.find()) {
                        Integer line = find(route.getOutputs(), m.group(1));
                        if (line != null) {
                            return line;
                        }
                        if (route.getInput() != null && m.group(1).equals(route.getInput().toString())
                                && route.getInput().getLineNumber() > 0) {
                            return route.getInput().getLineNumber();
                        }
                    }
                    if (route.getLineNumber() > 0) {
                        return route.getLineNumber();
                    }
                }
            }
        }
        return null;
    }

    private static Integer find(List<ProcessorDefinition<?>> outputs, String text) {
        for (ProcessorDefinition<?> p : outputs) {
            if (text.equals(p.toString()) && p.getLineNumber() > 0) {
                return p.getLineNumber();
            }
            Integer inner = find(p.getOutputs(), text);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }
}
