package io.dropcopy.session.internal;

import io.dropcopy.fix.SecureLogon;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.TrialSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A configured session's copy for the certification dry run: same identity and keys, own store and addresses. */
final class TrialSessionImpl implements TrialSession {
    private final TargetSessionConfig base;
    private final Path storeDir;
    private final DropCopyListener listener;
    private List<String> addresses;
    private int keyPair;
    private TargetSession session;

    /** TargetSubID(57) of an MSGW segment copy, else null (as configured). */
    private final String targetSubId;

    TrialSessionImpl(TargetSessionConfig base, Path storeDir, DropCopyListener listener) {
        this(base, storeDir, listener, null);
    }

    private TrialSessionImpl(TargetSessionConfig base, Path storeDir, DropCopyListener listener, String targetSubId) {
        this.targetSubId = targetSubId;
        this.base = base;
        this.storeDir = storeDir;
        this.listener = listener;
        this.keyPair = base.activeKeyPair;
    }

    /** The configured properties with the trial's store, addresses and key pair; always on, file store, 1 s reconnect. */
    private TargetSessionConfig config() {
        Map<String, Object> p = new HashMap<>(base.properties);
        p.put("name", base.name);
        p.put("addresses", String.join(",", addresses));
        p.put("storeDir", storeDir.toString());
        p.put("store", "file");
        p.put("reconnectInterval", "1");
        p.put("activeKeyPair", String.valueOf(keyPair));
        p.put("sessionQualifier", "certify");
        if (targetSubId != null) {
            p.put("targetSubId", targetSubId);
        }
        p.remove("weekStart");
        p.remove("weekEnd");
        return TargetSessionConfig.parse(p, storeDir);
    }

    @Override
    public String senderCompId() {
        return base.senderCompId;
    }

    @Override
    public String senderSubId() {
        return base.senderSubId;
    }

    @Override
    public String senderLocationId() {
        return base.senderLocationId;
    }

    @Override
    public String targetSubId() {
        return targetSubId != null ? targetSubId : base.targetSubId;
    }

    @Override
    public TrialSession segment(String segment, Path segmentStoreDir) {
        return new TrialSessionImpl(base, segmentStoreDir, listener, segment);
    }

    @Override
    public List<String> accessKeyIds() {
        List<String> ids = new ArrayList<>();
        ids.add(base.accessKeyId);
        if (base.accessKeyId2 != null) {
            ids.add(base.accessKeyId2);
        }
        return ids;
    }

    @Override
    public String sign(int pair, String canonical) {
        String secret = pair == 1 ? base.secretKey : pair == 2 ? base.secretKey2 : null;
        if (secret == null) {
            throw new IllegalArgumentException("key pair " + pair + " is not configured");
        }
        return SecureLogon.sign(secret, canonical);
    }

    @Override
    public synchronized void start(List<String> addresses) throws Exception {
        this.addresses = new ArrayList<>(addresses);
        logon();
    }

    @Override
    public synchronized void logout() {
        if (session != null) {
            session.stop();
        }
    }

    @Override
    public synchronized void logon() throws Exception {
        if (session == null) {
            session = new TargetSession(config(), GroupDispatcher.of(listener));
        }
        session.start();
    }

    @Override
    public synchronized void resetSequences() throws Exception {
        logout();
        if (session == null) {
            session = new TargetSession(config(), GroupDispatcher.of(listener));
        }
        session.resetSequences();
    }

    @Override
    public synchronized boolean useKeyPair(int n) throws Exception {
        if (n == 2 && base.accessKeyId2 == null || n < 1 || n > 2) {
            return false;
        }
        boolean started = session != null && session.isStarted();
        logout();
        keyPair = n;
        // same store: the new key pair logs on with the sequence numbers kept
        session = new TargetSession(config(), GroupDispatcher.of(listener));
        if (started) {
            session.start();
        }
        return true;
    }

    @Override
    public synchronized void close() {
        logout();
        session = null;
    }

    /** For tests: the session as it runs now. */
    synchronized TargetSession current() {
        return session;
    }
}
