package io.dropcopy.sink.jms.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** The shipped JMS connection factory's settings (creating the Artemis client does not connect). */
class ArtemisConnectionFactoryServiceTest {
    @Test
    void aProducerMayRunAWholeBatchAheadUnlessTheUrlSaysOtherwise() {
        ActiveMQConnectionFactory shipped = ArtemisConnectionFactoryService.factory("tcp://127.0.0.1:61616");
        assertEquals(1024 * 1024, shipped.getProducerWindowSize(), "1 MiB, not Artemis' 64 KiB");
        assertTrue(shipped.isCacheDestinations());
        shipped.close();

        ActiveMQConnectionFactory own = ArtemisConnectionFactoryService.factory("tcp://127.0.0.1:61616?producerWindowSize=65536");
        assertEquals(65536, own.getProducerWindowSize(), "the URL's value wins");
        own.close();
    }
}
