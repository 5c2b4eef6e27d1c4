package io.dropcopy.sink.jdbc.camel;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** Producer-only endpoint of {@link JdbcSinkComponent}. */
public class JdbcSinkEndpoint extends DefaultEndpoint {
    private final String name;
    private String dataSource;

    JdbcSinkEndpoint(String uri, JdbcSinkComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public JdbcSinkComponent getComponent() {
        return (JdbcSinkComponent) super.getComponent();
    }

    public String getName() {
        return name;
    }

    public String getDataSource() {
        return dataSource;
    }

    /** Name of the DataSource: a Camel registry bean, or an OSGi DataSource service (dataSourceName). */
    public void setDataSource(String dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Producer createProducer() {
        return new JdbcSinkProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("dropcopy-jdbc is a producer: use it in <to uri=\"dropcopy-jdbc:...\"/>");
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
