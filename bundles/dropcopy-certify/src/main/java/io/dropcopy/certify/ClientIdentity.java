package io.dropcopy.certify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What CME knows of a client: its comp ids and the key pairs it was issued. A key pair is its access key id and a
 * signer (canonical logon text to signature), so a consumer's secret key need not leave it.
 */
public final class ClientIdentity {
    final String compId;
    final String subId;
    final String locationId;
    final String targetSubId;
    private final List<String> accessKeys = new ArrayList<>();
    private final List<UnaryOperator<String>> signers = new ArrayList<>();

    public ClientIdentity(String compId, String subId, String locationId, String targetSubId) {
        this.compId = compId;
        this.subId = subId;
        this.locationId = locationId;
        this.targetSubId = targetSubId == null ? "G" : targetSubId;
    }

    /** Adds the next key pair (1, then 2) by its secret key. */
    public ClientIdentity keyPair(String accessKeyId, String secretKey) {
        return keyPair(accessKeyId, canonical -> io.dropcopy.fix.SecureLogon.sign(secretKey, canonical));
    }

    /** Adds the next key pair (1, then 2) by a signer of the canonical logon text. */
    public ClientIdentity keyPair(String accessKeyId, UnaryOperator<String> signer) {
        accessKeys.add(accessKeyId);
        signers.add(signer);
        return this;
    }

    /** The same client on an MSGW market segment: TargetSubID(57) is the segment id, same key pairs. */
    ClientIdentity onSegment(String segment) {
        ClientIdentity copy = new ClientIdentity(compId, subId, locationId, segment);
        copy.accessKeys.addAll(accessKeys);
        copy.signers.addAll(signers);
        return copy;
    }

    public String compId() {
        return compId;
    }

    public List<String> accessKeys() {
        return Collections.unmodifiableList(accessKeys);
    }

    /** Access key id of pair n (1-based), or null. */
    String accessKey(int n) {
        return n >= 1 && n <= accessKeys.size() ? accessKeys.get(n - 1) : null;
    }

    /** The signer of the pair with this access key id, or null when CME does not know the key. */
    UnaryOperator<String> signerFor(String accessKeyId) {
        int i = accessKeys.indexOf(accessKeyId);
        return i < 0 ? null : signers.get(i);
    }
}
