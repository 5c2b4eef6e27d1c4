package io.dropcopy.sink.support.services;

/** LDAP filters that find an OSGi service by the name it is registered under. */
public final class ServiceFilters {
    /** The name properties of a JMS ConnectionFactory or a plain named service. */
    public static final String NAME = "name";
    /** What pax-jdbc-config and JNDI-minded registrations set besides (or instead of) their own name property. */
    public static final String JNDI_NAME = "osgi.jndi.service.name";

    private ServiceFilters() {
    }

    /**
     * The services of the class (any class when null) whose {@code nameProperty} or {@code osgi.jndi.service.name}
     * is the name, the name escaped.
     */
    public static String byName(String objectClass, String nameProperty, String name) {
        String n = escape(name);
        String names = "(|(" + nameProperty + "=" + n + ")(" + JNDI_NAME + "=" + n + "))";
        return objectClass == null ? names : "(&(objectClass=" + objectClass + ")" + names + ")";
    }

    /** The value with the characters an LDAP filter reserves escaped. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char ch : value.toCharArray()) {
            if (ch == '\\' || ch == '*' || ch == '(' || ch == ')') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
