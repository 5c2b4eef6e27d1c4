package io.dropcopy.session.internal;

import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.GroupOwnership;
import io.dropcopy.session.api.NodeOwnership;
import io.dropcopy.session.api.SessionOperations;
import io.dropcopy.session.api.SessionStatus;
import io.dropcopy.session.api.TrialSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The session layer as one component: the registry of sessions and their consumers ({@link SessionRegistry}, whose
 * {@link GroupDispatcher}s deliver the events), the operators' actions ({@link OperatorActions}) and the node's
 * ownership of groups ({@link Ownership}), each offered as the service of its audience.
 *
 * <p>Clustered when {@code etc/io.dropcopy.cluster.cfg} names ZooKeeper nodes: then no group runs here until the
 * cluster's {@link GroupOwnership} service elects this node, not even while that service is starting.
 */
@Component(service = {DropCopyHub.class, DropCopyGroups.class, SessionOperations.class, NodeOwnership.class,
        HubImpl.class}, immediate = true, configurationPid = HubImpl.CLUSTER_PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class HubImpl implements DropCopyHub {
    /** The cluster configuration; its {@code zookeeper} key switches clustering on. */
    static final String CLUSTER_PID = "io.dropcopy.cluster";

    private final SessionRegistry registry = new SessionRegistry();
    private final OperatorActions operators = new OperatorActions(registry);
    private final Ownership ownership = new Ownership(registry);

    @Override
    public AutoCloseable subscribe(String group, DropCopyListener consumer) {
        return registry.subscribe(group, Subscriptions.Subscriber.sync(consumer));
    }

    @Override
    public AutoCloseable subscribeDeferred(String group, int maxInFlight, DeferredDropCopyListener consumer) {
        return registry.subscribe(group, Subscriptions.Subscriber.deferred(maxInFlight, consumer));
    }

    @Override
    public AutoCloseable observe(String group, DropCopyListener observer) {
        return registry.observe(group, observer);
    }

    @Override
    public List<SessionStatus> sessions() {
        return registry.statuses();
    }

    @Override
    public Optional<SessionStatus> session(String name) {
        return registry.status(name);
    }

    @Override
    public void connect(String name) {
        operators.connect(name);
    }

    @Override
    public void disconnect(String name) {
        operators.disconnect(name);
    }

    @Override
    public void resetSequence(String name, String operator) {
        operators.resetSequence(name, operator);
    }

    @Override
    public void resend(String name, int from, int to, String operator) {
        operators.resend(name, from, to, operator);
    }

    @Override
    public List<DeadLetter> deadLetters(String name) {
        return operators.deadLetters(name);
    }

    @Override
    public void replayDeadLetter(String name, long seqNum, String operator) throws Exception {
        operators.replayDeadLetter(name, seqNum, operator);
    }

    @Override
    public TrialSession trialSession(String name, Path storeDir, DropCopyListener listener) {
        return operators.trialSession(name, storeDir, listener);
    }

    @Override
    public Map<String, String> groupOwnership() {
        return ownership.groupOwnership();
    }

    @Override
    public String ownershipDescription() {
        return ownership.ownershipDescription();
    }

    @Override
    public Optional<String> groupOwner(String group) {
        return ownership.groupOwner(group);
    }

    @Override
    public void drain(String operator) {
        ownership.drain(operator);
    }

    @Override
    public void undrain(String operator) {
        ownership.undrain(operator);
    }

    @Override
    public boolean drained() {
        return ownership.drained();
    }

    /** The dispatcher a new session of the group delivers through. */
    GroupDispatcher dispatcher(String group) {
        return registry.dispatcher(group);
    }

    void register(TargetSession session) {
        registry.register(session);
    }

    void unregister(TargetSession session) {
        registry.unregister(session);
    }

    /** Without a DS runtime (tests, a plain JVM): clustered with the given election service, or single-node (null). */
    void useOwnership(GroupOwnership election) {
        ownership.use(election);
    }

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        ownership.configure(properties);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindOwnership(GroupOwnership election) {
        ownership.bind(election);
    }

    void unbindOwnership(GroupOwnership election) {
        ownership.unbind(election);
    }

    @Deactivate
    void deactivate() {
        synchronized (registry) {
            ownership.close();
            registry.close();
        }
    }
}
