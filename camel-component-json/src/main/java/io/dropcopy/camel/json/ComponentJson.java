package io.dropcopy.camel.json;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Category;
import org.apache.camel.Component;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.impl.DefaultRuntimeCamelCatalog;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.tooling.model.BaseOptionModel;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.JsonMapper;
import org.apache.camel.tooling.model.SupportLevel;

/**
 * A component's Camel catalog JSON, written from its annotations, the way Camel's own build writes it for Camel's
 * components (camel-package-maven-plugin, not served here): {@code <component's package>/<scheme>.json}, where
 * Camel's runtime catalog and IDE tooling look for it, plus {@code META-INF/services/org/apache/camel/component.properties}.
 *
 * <p>The files are committed under {@code src/main/resources} with the version as {@code ${project.version}} (the
 * build fills it in); a module's test calls {@link #assertCommitted(String)}, which fails when the annotations and the
 * committed file differ, and rewrites the file when run with {@code -Dcomponent.json.update=true}.
 */
public final class ComponentJson {
    public static final String GROUP_ID = "io.dropcopy.karaf";
    public static final String VERSION = "${project.version}";
    public static final String COMPONENT_PROPERTIES = "META-INF/services/org/apache/camel/component.properties";
    private static final String UPDATE = "component.json.update";
    private static final List<String> SIMPLE_LANG = List.of("String", "Long", "Integer", "Boolean", "Double");

    private final Class<?> component;
    private final Class<?> endpoint;
    private final String artifactId;
    private final String description;

    private ComponentJson(Class<?> component, Class<?> endpoint, String artifactId, String description) {
        this.component = component;
        this.endpoint = endpoint;
        this.artifactId = artifactId;
        this.description = description;
    }

    /** The component and endpoint classes, the Maven artifact that ships them, one sentence on what it does. */
    public static ComponentJson of(Class<?> component, Class<?> endpoint, String artifactId, String description) {
        if (endpoint.getAnnotation(UriEndpoint.class) == null) {
            throw new IllegalArgumentException(endpoint.getName() + " has no @UriEndpoint");
        }
        return new ComponentJson(component, endpoint, artifactId, description);
    }

    public String scheme() {
        return uri().scheme();
    }

    /** Where Camel looks for it: the component class's package, named by the scheme. */
    public String resourcePath() {
        return component.getPackageName().replace('.', '/') + "/" + scheme() + ".json";
    }

    public String json() {
        return JsonMapper.createParameterJsonSchema(model()) + "\n";
    }

    public ComponentModel model() {
        UriEndpoint uri = uri();
        ComponentModel m = new ComponentModel();
        m.setName(uri.scheme());
        m.setScheme(uri.scheme());
        m.setExtendsScheme("");
        m.setSyntax(uri.syntax());
        m.setAlternativeSyntax(uri.alternativeSyntax().isEmpty() ? null : uri.alternativeSyntax());
        m.setTitle(uri.title());
        m.setDescription(description);
        m.setFirstVersion(uri.firstVersion().isEmpty() ? null : uri.firstVersion());
        m.setLabel(String.join(",", Arrays.stream(uri.category()).map(Category::getValue).toArray(String[]::new)));
        m.setJavaType(component.getName());
        m.setSupportLevel(SupportLevel.Stable);
        m.setGroupId(GROUP_ID);
        m.setArtifactId(artifactId);
        m.setVersion(VERSION);
        m.setConsumerOnly(uri.consumerOnly());
        m.setProducerOnly(uri.producerOnly());
        m.setLenientProperties(uri.lenientProperties());
        m.setAsync(false);
        m.setApi(false);
        for (Field f : fields(component)) {
            Metadata meta = f.getAnnotation(Metadata.class);
            if (meta != null && applies(meta.label(), uri)) {
                ComponentModel.ComponentOptionModel o = new ComponentModel.ComponentOptionModel();
                fill(o, "property", name(f, ""), meta.label(), meta.required(), f.getType(), meta.javaType(),
                        meta.enums(), meta.defaultValue(), meta.description(), meta.secret());
                m.addComponentOption(o);
            }
        }
        List<Field> options = fields(endpoint);
        options.sort((a, b) -> Boolean.compare(a.getAnnotation(UriPath.class) == null, b.getAnnotation(UriPath.class) == null));
        for (Field f : options) {
            UriPath path = f.getAnnotation(UriPath.class);
            UriParam param = f.getAnnotation(UriParam.class);
            Metadata meta = f.getAnnotation(Metadata.class);
            boolean required = meta != null && meta.required();
            if (path != null) {
                ComponentModel.EndpointOptionModel o = new ComponentModel.EndpointOptionModel();
                fill(o, "path", name(f, path.name()), path.label(), required, f.getType(), path.javaType(),
                        path.enums(), path.defaultValue(), path.description(), path.secret());
                m.addEndpointOption(o);
            } else if (param != null && applies(param.label(), uri)) {
                ComponentModel.EndpointOptionModel o = new ComponentModel.EndpointOptionModel();
                fill(o, "parameter", name(f, param.name()), param.label(), required, f.getType(), param.javaType(),
                        param.enums(), param.defaultValue(), param.description(), param.secret());
                m.addEndpointOption(o);
            }
        }
        if (uri.headersClass() != void.class) {
            for (Field f : uri.headersClass().getFields()) {
                Metadata meta = f.getAnnotation(Metadata.class);
                if (meta != null && Modifier.isStatic(f.getModifiers())) {
                    ComponentModel.EndpointHeaderModel h = new ComponentModel.EndpointHeaderModel();
                    fill(h, "header", constant(f), meta.label(), meta.required(), String.class, meta.javaType(),
                            meta.enums(), meta.defaultValue(), meta.description(), meta.secret());
                    h.setConstantName(uri.headersClass().getName() + "#" + f.getName());
                    m.addEndpointHeader(h);
                }
            }
        }
        return m;
    }

    /** {@code META-INF/services/org/apache/camel/component.properties} for a module shipping these components. */
    public static String componentProperties(String artifactId, String projectName, ComponentJson... components) {
        StringBuilder schemes = new StringBuilder();
        for (ComponentJson c : components) {
            schemes.append(schemes.length() == 0 ? "" : " ").append(c.scheme());
        }
        return "# Written by ComponentJson from the components' annotations: what Camel's tooling reads\n"
                + "components=" + schemes + "\n"
                + "groupId=" + GROUP_ID + "\n"
                + "artifactId=" + artifactId + "\n"
                + "version=" + VERSION + "\n"
                + "projectName=" + projectName + "\n";
    }

    /**
     * Fails unless the module's committed catalog files are what this component's annotations give: its JSON and
     * {@code component.properties} (the module ships this one component); rewrites them on request.
     */
    public void assertCommitted(String projectName) throws IOException {
        assertFile(resourcePath(), json());
        assertFile(COMPONENT_PROPERTIES, componentProperties(artifactId, projectName, this));
    }

    /** Fails unless the module's {@code src/main/resources/<path>} holds exactly {@code expected}. */
    public static void assertFile(String path, String expected) throws IOException {
        Path file = Path.of("src/main/resources").resolve(path);
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        if (expected.equals(committed)) {
            return;
        }
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        fail(file + (committed == null ? " is missing" : " differs from the annotations")
                + ": run this test with -D" + UPDATE + "=true to rewrite it, and commit it. Expected:\n" + expected);
    }

    /**
     * Camel's own runtime catalog, over a context holding {@code component} under its scheme: it must find this
     * file, with the version filled in, to validate endpoint URIs with it. Close it after use.
     */
    public Catalog catalog(Component instance) throws IOException {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent(scheme(), instance);
        DefaultRuntimeCamelCatalog catalog = new DefaultRuntimeCamelCatalog();
        catalog.setCamelContext(camel);
        String found = catalog.componentJSonSchema(scheme());
        if (found == null || found.contains(VERSION)) {
            camel.stop();
            fail(found == null ? "Camel found no " + resourcePath() : resourcePath() + ": the build left " + VERSION);
        }
        return new Catalog(camel, catalog);
    }

    /** Camel's runtime catalog over a context; {@link #validate} is its endpoint URI check. */
    public static final class Catalog implements AutoCloseable {
        private final DefaultCamelContext camel;
        private final DefaultRuntimeCamelCatalog catalog;

        private Catalog(DefaultCamelContext camel, DefaultRuntimeCamelCatalog catalog) {
            this.camel = camel;
            this.catalog = catalog;
        }

        public EndpointValidationResult validate(String uri) {
            return catalog.validateEndpointProperties(uri);
        }

        @Override
        public void close() {
            camel.stop();
        }
    }

    private UriEndpoint uri() {
        return endpoint.getAnnotation(UriEndpoint.class);
    }

    /** Consumer options are no option of a producer-only endpoint, and the other way round. */
    private static boolean applies(String label, UriEndpoint uri) {
        List<String> labels = Arrays.asList(label.split(","));
        return !(uri.producerOnly() && labels.contains("consumer")) && !(uri.consumerOnly() && labels.contains("producer"));
    }

    /** The class's fields and its superclasses', the most general first, as Camel lists inherited options. */
    private static List<Field> fields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c : chain) {
            fields.addAll(Arrays.asList(c.getDeclaredFields()));
        }
        return fields;
    }

    private static String name(Field f, String declared) {
        return declared.isEmpty() ? f.getName() : declared;
    }

    private static String constant(Field f) {
        try {
            return String.valueOf(f.get(null));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(f.toString(), e);
        }
    }

    private static void fill(BaseOptionModel o, String kind, String name, String label, boolean required,
            Class<?> type, String javaType, String enums, String defaultValue, String description, boolean secret) {
        String java = javaType.isEmpty() ? type.getName() : javaType.indexOf('.') < 0 && SIMPLE_LANG.contains(javaType)
                ? "java.lang." + javaType : javaType;
        o.setKind(kind);
        o.setName(name);
        o.setDisplayName(displayName(name));
        o.setGroup(group(label));
        o.setLabel(label.isEmpty() ? null : label);
        o.setRequired(required);
        o.setType(jsonType(java));
        o.setJavaType(java);
        if (!enums.isEmpty()) {
            o.setEnums(Arrays.asList(enums.split(",")));
        }
        o.setDeprecated(false);
        o.setAutowired(false);
        o.setSecret(secret);
        if (!defaultValue.isEmpty()) {
            o.setDefaultValue(typed(defaultValue, jsonType(java)));
        }
        o.setDescription(description);
    }

    private static Object typed(String value, String jsonType) {
        switch (jsonType) {
            case "boolean":
                return Boolean.valueOf(value);
            case "integer":
                return Long.valueOf(value);
            default:
                return value;
        }
    }

    private static String jsonType(String javaType) {
        switch (javaType) {
            case "java.lang.String":
                return "string";
            case "boolean":
            case "java.lang.Boolean":
                return "boolean";
            case "int":
            case "long":
            case "java.lang.Integer":
            case "java.lang.Long":
                return "integer";
            case "double":
            case "float":
            case "java.lang.Double":
                return "number";
            default:
                return "object";
        }
    }

    /** Camel's grouping: consumer, producer, security or common, "(advanced)" added; advanced alone: "advanced". */
    private static String group(String label) {
        List<String> labels = Arrays.asList(label.split(","));
        boolean advanced = labels.contains("advanced");
        String group = labels.contains("consumer") ? "consumer"
                : labels.contains("producer") ? "producer"
                : labels.contains("security") ? "security"
                : advanced ? null : "common";
        if (group == null) {
            return "advanced";
        }
        return advanced ? group + " (advanced)" : group;
    }

    private static String displayName(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0) {
                out.append(Character.toUpperCase(c));
            } else {
                if (Character.isUpperCase(c) && !Character.isUpperCase(name.charAt(i - 1))) {
                    out.append(' ');
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
