package io.dropcopy.sink.support.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServiceFiltersTest {
    @Test
    void aServiceIsFoundByItsOwnNamePropertyOrItsJndiName() {
        assertEquals("(&(objectClass=javax.sql.DataSource)(|(dataSourceName=dropcopy)(osgi.jndi.service.name=dropcopy)))",
                ServiceFilters.byName("javax.sql.DataSource", "dataSourceName", "dropcopy"));
        assertEquals("(|(name=dropcopyJms)(osgi.jndi.service.name=dropcopyJms))",
                ServiceFilters.byName(null, "name", "dropcopyJms"));
    }

    @Test
    void theCharactersAFilterReservesAreEscaped() {
        assertEquals("(|(name=a\\(b\\)\\*c\\\\d)(osgi.jndi.service.name=a\\(b\\)\\*c\\\\d))",
                ServiceFilters.byName(null, "name", "a(b)*c\\d"));
    }
}
